using Qml.Abstractions;
using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Tensors;

namespace Qml.Learning.Quantum;

/// <summary>
/// A circuit template as a layer: its <see cref="SymbolRole.Input"/> symbols take the columns of the
/// input [batch, inputs] in declaration order, its <see cref="SymbolRole.Weight"/> symbols are one
/// trainable parameter "weights", and the output [batch, observables] holds ⟨O⟩ per sample. The
/// whole batch is one backend request forward and one vector-Jacobian product backward, so the
/// backend decides how to spread it over threads or a device.
/// </summary>
public sealed class QuantumLayer : Module
{
    private readonly int[] _inputSymbols;
    private readonly int[] _weightSymbols;

    /// <summary>Wraps <paramref name="circuit"/>; the weights start uniform in [0, 2π).</summary>
    /// <param name="circuit">The template; its input and weight symbols are bound per request.</param>
    /// <param name="observables">What to read out, one output column each (at least one).</param>
    /// <param name="backend">Runs the circuits; not owned (not disposed by the layer).</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="method">How to differentiate; <see cref="DifferentiationMethod.Auto"/> picks adjoint when the backend has it.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="observables"/> is empty.</exception>
    /// <exception cref="QmlException"><see cref="DifferentiationMethod.Adjoint"/> on a backend without it.</exception>
    public QuantumLayer(Circuit circuit, IReadOnlyList<Observable> observables, IBackend backend, Random random, DifferentiationMethod method = DifferentiationMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observables);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(random);
        if (observables.Count == 0)
        {
            throw new ArgumentException("A quantum layer needs at least one observable to read out.", nameof(observables));
        }

        Circuit = circuit;
        Observables = [.. observables];
        Backend = backend;
        Method = QuantumGradients.Resolve(method, backend);
        _inputSymbols = [.. Enumerable.Range(0, circuit.Symbols.Length).Where(i => circuit.Symbols[i].Role == SymbolRole.Input)];
        _weightSymbols = [.. Enumerable.Range(0, circuit.Symbols.Length).Where(i => circuit.Symbols[i].Role == SymbolRole.Weight)];

        // Uniform angles in [0, 2π), as PennyLane's default initialisation of templates.
        Weights = RegisterParameter("weights", Tensor.RandomUniform(random, [_weightSymbols.Length], 0.0, 2 * Math.PI));
    }

    /// <summary>The circuit template.</summary>
    public Circuit Circuit { get; }

    /// <summary>The observables, in output-column order.</summary>
    public IReadOnlyList<Observable> Observables { get; }

    /// <summary>The backend every forward and backward pass runs on.</summary>
    public IBackend Backend { get; }

    /// <summary>The resolved method (never <see cref="DifferentiationMethod.Auto"/>).</summary>
    public DifferentiationMethod Method { get; }

    /// <summary>One angle (radians) per weight symbol, in the circuit's symbol order (checkpoint name <c>weights</c>).</summary>
    public Parameter Weights { get; }

    /// <summary>Input symbols: the width the input [batch, inputs] must have.</summary>
    public int InputCount => _inputSymbols.Length;

    /// <summary>Maps input [batch, inputs] to expectations [batch, observables].</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != _inputSymbols.Length)
        {
            throw new QmlException($"quantum layer '{Circuit.Name ?? "circuit"}' takes [batch, {_inputSymbols.Length}] inputs; got [{string.Join(", ", input.Shape)}].");
        }

        var request = Request(input);
        var result = Backend.ExecuteAsync(request).GetAwaiter().GetResult();
        var expectations = result.Expectations ?? throw new QmlException($"backend '{Backend.Info.Name}' returned no expectations.");
        var output = Tensor.FromArray([request.Rows, Observables.Count], expectations.Values);
        return Tensor.FromCustomOp([input, Weights.Value], output, upstream => Backward(request, upstream));
    }

    private Tensor?[] Backward(ExecutionRequest request, Tensor upstream)
    {
        var rows = request.Rows;
        var weights = new ResultMatrix<double>(rows, Observables.Count, upstream.ToArray());
        var symbols = QuantumGradients.VectorJacobianAsync(Backend, request, weights, Method).GetAwaiter().GetResult();
        var inputGradient = Tensor.Zeros(rows, _inputSymbols.Length);
        var weightGradient = Tensor.Zeros(_weightSymbols.Length);
        var inputData = inputGradient.Data;
        var weightData = weightGradient.Data;
        for (var b = 0; b < rows; b++)
        {
            var row = symbols.Row(b);
            for (var i = 0; i < _inputSymbols.Length; i++)
            {
                inputData[(b * _inputSymbols.Length) + i] = row[_inputSymbols[i]];
            }

            for (var w = 0; w < _weightSymbols.Length; w++)
            {
                weightData[w] += row[_weightSymbols[w]];
            }
        }

        return [inputGradient, weightGradient];
    }

    private ExecutionRequest Request(Tensor input)
    {
        var rows = input.Dim(0);
        var columns = Circuit.Symbols.Length;
        var values = new double[rows * columns];
        var data = input.Data;
        var weights = Weights.Value.Data;
        for (var b = 0; b < rows; b++)
        {
            var row = values.AsSpan(b * columns, columns);
            for (var i = 0; i < _inputSymbols.Length; i++)
            {
                row[_inputSymbols[i]] = data[(b * _inputSymbols.Length) + i];
            }

            for (var w = 0; w < _weightSymbols.Length; w++)
            {
                row[_weightSymbols[w]] = weights[w];
            }
        }

        return new ExecutionRequest
        {
            Circuit = Circuit,
            Bindings = new BindingTable(rows, columns, values),
            Observables = [.. Observables],
            Outputs = ResultKinds.Expectations,
        };
    }
}
