using Qml.Abstractions.Execution;

namespace Qml.Backends.Cpu.Simulation;

/// <summary>
/// The size of the result arrays a request asks for, so that returned states and probability
/// tables count against memory, and tables too long for one .NET array are refused with a reason.
/// </summary>
internal static class ResultSize
{
    /// <summary>Result memory in units of one state vector of the circuit (2^n × 16 bytes).</summary>
    public static double StateEquivalents(ExecutionRequest request, string backend)
    {
        var n = request.Circuit.QubitCount;
        var rows = (double)request.Rows;
        var equivalents = 0.0;
        if (request.Outputs.HasFlag(ResultKinds.State))
        {
            RequireArray(rows * Math.Pow(2, n), backend, $"{request.Rows} returned states of 2^{n} amplitudes", "ask for fewer rows per request or for expectations");
            equivalents += rows;
        }

        if (request.Outputs.HasFlag(ResultKinds.Probabilities))
        {
            var k = request.ResolvedProbabilityQubits.Length;
            RequireArray(rows * Math.Pow(2, k), backend, $"{request.Rows} probability rows of 2^{k} outcomes", "ask for fewer rows or fewer ProbabilityQubits");

            // 8 bytes per outcome against 16 per amplitude.
            equivalents += rows * Math.Pow(2, k - n) / 2.0;
        }

        return equivalents;
    }

    private static void RequireArray(double elements, string backend, string what, string fix)
    {
        if (elements > Array.MaxLength)
        {
            throw new BackendException(backend, $"{what} make {elements:0} values, more than one result array holds ({Array.MaxLength}); {fix}.");
        }
    }
}
