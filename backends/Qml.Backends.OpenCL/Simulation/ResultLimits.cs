using Qml.Abstractions.Execution;

namespace Qml.Backends.OpenCL.Simulation;

/// <summary>Refuses result tables longer than one .NET array, with the fix, before any device work.</summary>
internal static class ResultLimits
{
    public static void Check(ExecutionRequest request, string backend)
    {
        var rows = (double)request.Rows;
        if (request.Outputs.HasFlag(ResultKinds.State))
        {
            Require(rows * Math.Pow(2, request.Circuit.QubitCount), backend, $"{request.Rows} returned states of 2^{request.Circuit.QubitCount} amplitudes", "ask for fewer rows per request or for expectations");
        }

        if (request.Outputs.HasFlag(ResultKinds.Probabilities))
        {
            var k = request.ResolvedProbabilityQubits.Length;
            Require(rows * Math.Pow(2, k), backend, $"{request.Rows} probability rows of 2^{k} outcomes", "ask for fewer rows or fewer ProbabilityQubits");
        }
    }

    private static void Require(double elements, string backend, string what, string fix)
    {
        if (elements > Array.MaxLength)
        {
            throw new BackendException(backend, $"{what} make {elements:0} values, more than one result array holds ({Array.MaxLength}); {fix}.");
        }
    }
}
