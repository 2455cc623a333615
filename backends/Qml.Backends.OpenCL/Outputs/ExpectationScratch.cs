using Qml.Abstractions.Execution;
using Qml.Backends.OpenCL.Device;

namespace Qml.Backends.OpenCL.Outputs;

/// <summary>
/// Device buffers for a request's expectations, allocated once per request: the reduction
/// partials and one value per (term, row); the host only weights and adds the term values.
/// </summary>
internal sealed class ExpectationScratch : IDisposable
{
    private readonly DeviceContext _device;
    private readonly Reductions _reductions;
    private readonly int _n;
    private readonly PauliTerms _terms;
    private readonly DeviceBuffer _partials;
    private readonly DeviceBuffer _values;
    private readonly double[] _host;

    public ExpectationScratch(DeviceContext device, Reductions reductions, int n, int chunkRows, PauliTerms terms)
    {
        _device = device;
        _reductions = reductions;
        _n = n;
        _terms = terms;
        var vectors = (ulong)terms.Count * (ulong)chunkRows;
        _partials = device.Allocate(reductions.PartialsBytes(n, vectors));
        _values = device.Allocate(vectors * (ulong)device.RealBytes);
        _host = new double[vectors];
    }

    /// <summary>⟨O_o⟩ of rows [first, first + rows) into <paramref name="destination"/>.</summary>
    public void Evaluate(DeviceBuffer state, int rows, ResultMatrix<double> destination, int first)
    {
        var values = _host.AsSpan(0, _terms.Count * rows);
        _reductions.PauliTerms(state, _n, rows, _terms, _partials, _values);
        ComplexUpload.ReadReal(_device, _values, values);
        for (var row = 0; row < rows; row++)
        {
            var target = destination.Row(first + row);
            target.Clear();
            for (var t = 0; t < _terms.Count; t++)
            {
                target[_terms.ObservableOf[t]] += _terms.Coefficients[t] * values[(t * rows) + row];
            }
        }
    }

    public void Dispose()
    {
        _partials.Dispose();
        _values.Dispose();
    }
}
