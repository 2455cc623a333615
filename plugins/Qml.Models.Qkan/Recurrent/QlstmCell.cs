using Qml.Abstractions.Circuits;
using Qml.Abstractions.Execution;
using Qml.Abstractions.Observables;
using Qml.Learning.Layers;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;

namespace Qml.Models.Qkan.Recurrent;

/// <summary>
/// The quantum LSTM of Chen, Yoo and Fang (arXiv:2009.01783): each gate map is Linear([h, x] → q) → VQC → Linear(q → hidden),
/// the VQC being H on every qubit, RY(arctan v_i), RZ(arctan v_i²), then per layer a CNOT ring (i → i+1, i+1 → i+2, …)
/// and a general rotation RZ·RY·RZ on each qubit, read out as ⟨Z_i⟩. Circuits run on any backend through QuantumLayer.
/// </summary>
public sealed class QlstmCell(int inputSize, int hiddenSize, IBackend backend, int qubits = 4, int layers = 2, Random? random = null, DifferentiationMethod method = DifferentiationMethod.Auto)
    : GatedLstmCell(inputSize, hiddenSize, Gate(backend, qubits, layers, random ?? new Random(0), method))
{
    private static Func<int, int, Module> Gate(IBackend backend, int qubits, int layers, Random random, DifferentiationMethod method)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qubits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        Circuit circuit = Vqc(qubits, layers);
        Observable[] readout = [.. Enumerable.Range(0, qubits).Select(Observable.Z)];
        return (i, o) => new Sequential(
            new Dense(i, qubits, random),
            new ArctanEncoding(),
            new QuantumLayer(circuit, readout, backend, random, method),
            new Dense(qubits, o, random));
    }

    /// <summary>The gate circuit: inputs a0…a(q−1) (arctan v) and b0…b(q−1) (arctan v²), weights 3 per qubit per layer.</summary>
    public static Circuit Vqc(int qubits, int layers)
    {
        var builder = new CircuitBuilder(qubits, name: "qlstm-gate");
        var a = Enumerable.Range(0, qubits).Select(k => builder.Input($"a{k}")).ToArray();
        var b = Enumerable.Range(0, qubits).Select(k => builder.Input($"b{k}")).ToArray();
        for (int k = 0; k < qubits; k++)
        {
            builder.H(k).RY(k, a[k]).RZ(k, b[k]);
        }

        for (int l = 0; l < layers; l++)
        {
            if (qubits > 1)
            {
                for (int k = 0; k < qubits; k++)
                {
                    if (qubits == 2 && k == 1)
                    {
                        break;
                    }

                    builder.CX(k, (k + 1) % qubits);
                }
            }

            for (int k = 0; k < qubits; k++)
            {
                builder.RZ(k, builder.Weight($"alpha{l}_{k}")).RY(k, builder.Weight($"beta{l}_{k}")).RZ(k, builder.Weight($"gamma{l}_{k}"));
            }
        }

        return builder.Build();
    }

    /// <summary>v [batch, q] → [arctan v, arctan v²] [batch, 2q], the angles of Chen et al.'s encoding.</summary>
    private sealed class ArctanEncoding : Module
    {
        public override Tensor Forward(Tensor input)
        {
            int batch = input.Dim(0), q = input.Dim(1);
            var v = input.ToArray();
            var output = new double[batch * 2 * q];
            for (int r = 0; r < batch; r++)
            {
                for (int k = 0; k < q; k++)
                {
                    double x = v[(r * q) + k];
                    output[(r * 2 * q) + k] = Math.Atan(x);
                    output[(r * 2 * q) + q + k] = Math.Atan(x * x);
                }
            }

            return Tensor.FromCustomOp([input], Tensor.FromArray([batch, 2 * q], output), upstream =>
            {
                var g = upstream.ToArray();
                var dx = new double[batch * q];
                for (int r = 0; r < batch; r++)
                {
                    for (int k = 0; k < q; k++)
                    {
                        double x = v[(r * q) + k];
                        dx[(r * q) + k] = (g[(r * 2 * q) + k] / (1 + (x * x))) + (g[(r * 2 * q) + q + k] * 2 * x / (1 + (x * x * x * x)));
                    }
                }

                return [Tensor.FromArray([batch, q], dx)];
            });
        }
    }
}
