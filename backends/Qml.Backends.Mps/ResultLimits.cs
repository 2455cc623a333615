using System.Globalization;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Mps;

/// <summary>
/// Refuses outputs whose size is exponential in a register that an MPS otherwise handles:
/// dense states beyond <see cref="MpsCapabilities.MaxStateQubits"/> qubits and probability
/// tables that do not fit one .NET array.
/// </summary>
internal static class ResultLimits
{
    public static void Check(ExecutionRequest request, string backend)
    {
        var n = request.Circuit.QubitCount;
        if (request.Outputs.HasFlag(ResultKinds.State) && n > MpsCapabilities.MaxStateQubits)
        {
            throw new BackendException(
                backend,
                string.Create(CultureInfo.InvariantCulture, $"the state of {n} qubits has 2^{n} amplitudes; this backend returns states of at most {MpsCapabilities.MaxStateQubits} qubits. Ask for expectations, probabilities of chosen qubits (ProbabilityQubits) or samples instead."));
        }

        if (request.Outputs.HasFlag(ResultKinds.State))
        {
            Require((double)request.Rows * Math.Pow(2, n), backend, $"{request.Rows} returned states of 2^{n} amplitudes", "ask for fewer rows per request");
        }

        if (request.Outputs.HasFlag(ResultKinds.Probabilities))
        {
            var k = request.ResolvedProbabilityQubits.Length;
            Require((double)request.Rows * Math.Pow(2, k), backend, $"{request.Rows} probability rows of 2^{k} outcomes", "ask for fewer rows or fewer ProbabilityQubits");
        }
    }

    private static void Require(double elements, string backend, string what, string fix)
    {
        if (elements > Array.MaxLength)
        {
            throw new BackendException(backend, string.Create(CultureInfo.InvariantCulture, $"{what} make {elements:0} values, more than one result array holds ({Array.MaxLength}); {fix}."));
        }
    }
}
