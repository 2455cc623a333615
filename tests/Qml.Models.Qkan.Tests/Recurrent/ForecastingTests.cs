using System.Diagnostics;
using Qml.Learning.Data;
using Qml.Learning.Data.Synthetic;
using Qml.Learning.Models;
using Qml.Learning.Optimizers;
using Qml.Learning.Quantum;
using Qml.Learning.Tensors;
using Qml.Learning.Training;
using Qml.Models.Qkan.Layers;
using Qml.Models.Qkan.Models;

namespace Qml.Models.Qkan.Tests.Recurrent;

/// <summary>
/// Next-value forecasting on damped-oscillator and Bessel J0 windows (200 windows of 8 steps, chronological
/// 60/20/20 split, standardised features), every model trained the same way: full-batch Adam, lr 0.02,
/// 150 steps, seed 0. docs/qkan.md has the figures and the learning-rate grid behind them.
/// </summary>
public sealed class ForecastingTests
{
    private const int Steps = 150;
    private const double LearningRate = 0.02;
    private const double QlstmBar = 1e-3;

    private static readonly DatasetSplit Split = DataPreparation.Fit(TimeSeriesGenerators.DampedOscillator(samples: 200, window: 8), seed: 0).Split;
    private static readonly DatasetSplit Bessel = DataPreparation.Fit(TimeSeriesGenerators.BesselJ0Series(samples: 200, window: 8), seed: 0).Split;

    private static (double Mse, int Parameters) Fit(IModelFactory factory, params string[] options) => FitFor(Steps, factory, options);

    private static (double Mse, int Parameters) FitFor(int steps, IModelFactory factory, params string[] options) => FitOn(Split, steps, factory, options);

    private static (double Mse, int Parameters) FitOn(DatasetSplit split, int steps, IModelFactory factory, params string[] options) =>
        FitWith(split, steps, LearningRate, seed: 0, factory, options);

    private static (double Mse, int Parameters) FitWith(DatasetSplit split, int steps, double learningRate, int seed, IModelFactory factory, params string[] options)
    {
        var train = split.Train;
        var context = new ModelContext(SpecReference.Backend, DifferentiationMethod.Auto, Seed: seed, train.FeatureCount, train.TargetWidth, ModelTask.Regression, train.SequenceLength);
        var network = factory.Create(ModelOptions.Parse(options), context).Network;
        var adam = new Adam(network.Parameters(), new AdamOptions(LearningRate: learningRate));
        var x = Tensor.FromArray([train.SampleCount, train.FeatureCount], train.Features);
        var y = Tensor.FromArray([train.SampleCount, train.TargetWidth], train.Targets!);
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < steps; step++)
        {
            network.ZeroGrad();
            Ops.Mean(Ops.Square(Ops.Sub(network.Forward(x), y))).Backward();
            adam.Step();
        }

        var test = split.Test;
        var prediction = network.Forward(Tensor.FromArray([test.SampleCount, test.FeatureCount], test.Features)).ToArray();
        double mse = prediction.Select((p, k) => (p - test.Targets![k]) * (p - test.Targets[k])).Average();
        TestContext.Out.WriteLine($"{factory.Name} [{string.Join(' ', options)}] lr {learningRate} seed {seed}: {network.ParameterCount} parameters, test MSE {mse:E3} ({clock.Elapsed.TotalSeconds:F1} s)");
        return (mse, network.ParameterCount);
    }

    /// <summary>
    /// The bar for HQKAN-LSTM on damped-oscillator: lower test MSE than an LSTM of the same hidden size (64) with at
    /// least 70% fewer trainable parameters (4713 vs 17217: 72.6% fewer; gate bottleneck 65 → 7 → QKAN(pz, reps 2, ⟨Z⟩) → 6 → 64).
    /// Measured 3.4e-7 against 5.6e-6 (the LSTM's best over lr 0.005…0.1 is 1.4e-6, still above).
    /// </summary>
    [Test]
    public void Hqkan_lstm_beats_lstm_of_same_hidden_size_with_70_percent_fewer_parameters()
    {
        var lstm = Fit(new LstmModelFactory(), "hidden=64");
        var hqkan = Fit(new HqkanLstmModelFactory(), "hidden=64", "reps=2", "readout=z");
        TestContext.Out.WriteLine($"parameters: {100.0 * (1 - ((double)hqkan.Parameters / lstm.Parameters)):F1}% fewer; MSE ratio {hqkan.Mse / lstm.Mse:F2}");
        Assert.Multiple(() =>
        {
            Assert.That(lstm.Parameters, Is.EqualTo((4 * ((64 * 1) + (64 * 64) + (2 * 64))) + 65));
            Assert.That(hqkan.Parameters, Is.LessThanOrEqualTo(0.3 * lstm.Parameters));
            Assert.That(hqkan.Mse, Is.LessThan(lstm.Mse));
        });
    }

    /// <summary>
    /// The fair form of the damped-oscillator bar (docs/qkan.md, "Fair protocol"): each model at the rate of the grid
    /// {0.005, 0.01, 0.02, 0.05} where its median test MSE over seeds 0–2 is lowest (LSTM 0.02, HQKAN-LSTM 0.01), the
    /// medians compared: 1.14e-6 against 1.36e-6 (seeds 0–4 give the same rates and medians). A narrow win; on Bessel
    /// the same protocol leaves the LSTM 11× ahead.
    /// </summary>
    [Test]
    public void Hqkan_lstm_beats_lstm_on_damped_oscillator_at_each_models_best_rate_by_the_median_of_three_seeds()
    {
        double Median(Func<int, double> run)
        {
            var values = Enumerable.Range(0, 3).Select(run).Order().ToArray();
            return values[1];
        }

        double lstm = Median(seed => FitWith(Split, Steps, 0.02, seed, new LstmModelFactory(), "hidden=64").Mse);
        double hqkan = Median(seed => FitWith(Split, Steps, 0.01, seed, new HqkanLstmModelFactory(), "hidden=64", "reps=2", "readout=z").Mse);
        TestContext.Out.WriteLine($"median test MSE: HQKAN-LSTM {hqkan:E3}, LSTM {lstm:E3}");
        Assert.That(hqkan, Is.LessThan(lstm));
    }

    /// <summary>
    /// QKAN-LSTM with per-unit DARUAN gates (the default, docs/qkan.md) meets the parameter bar at the LSTM's hidden size
    /// (3137 vs 17217: 81.8% fewer) and learns the forecast, but its test MSE (3.2e-5) stays above the LSTM's (5.6e-6):
    /// the accuracy bar is not met for it. This test pins what holds.
    /// </summary>
    [Test]
    public void Per_unit_qkan_lstm_has_70_percent_fewer_parameters_than_lstm_and_learns_the_forecast()
    {
        var qkan = Fit(new QkanLstmModelFactory(), "hidden=64", "reps=2");
        int lstm = (4 * ((64 * 1) + (64 * 64) + (2 * 64))) + 65;
        Assert.Multiple(() =>
        {
            // x → 4·64 and h → 4·64 per unit: 2·256 edges of 2(r+1) = 6 theta; head 65.
            Assert.That(qkan.Parameters, Is.EqualTo((2 * 256 * 6) + 65));
            Assert.That(qkan.Parameters, Is.LessThanOrEqualTo(0.3 * lstm));
            Assert.That(qkan.Mse, Is.LessThan(1e-3));
        });
    }

    /// <summary>
    /// The bar for QKAN-LSTM on damped-oscillator at the shared learning rate: per-unit gates that also read the
    /// next unit's state (ring 2; pz, reps 2, ⟨Z⟩ readout, small-Gaussian theta) reach 4.9e-6 against the LSTM's 5.6e-6
    /// with 4673 against 17217 parameters (72.9% fewer). Not robust: at lr 0.01 and 0.05 it is 3e-5 and 4e-4, at seeds 1
    /// and 2 (lr 0.02) 5.9e-5 and 1.0e-5, and with each model at its best rate by the median of seeds 0–2 it loses
    /// (1.0e-5 against the LSTM's 1.4e-6; docs/qkan.md, "Fair protocol"). This test pins the seed-0 point only.
    /// </summary>
    [Test]
    public void Ring_qkan_lstm_beats_lstm_of_same_hidden_size_at_the_shared_rate_with_70_percent_fewer_parameters()
    {
        var lstm = Fit(new LstmModelFactory(), "hidden=64");
        var qkan = Fit(new QkanLstmModelFactory(), "hidden=64", "reps=2", "readout=z", "ring=2", "init=small-gaussian");
        Assert.Multiple(() =>
        {
            // x → 4·64, h → 4·64 per unit and the rolled h → 4·64 per unit: 3·256 edges of 6 theta; head 65.
            Assert.That(qkan.Parameters, Is.EqualTo((3 * 256 * 6) + 65));
            Assert.That(qkan.Parameters, Is.LessThanOrEqualTo(0.3 * lstm.Parameters));
            Assert.That(qkan.Mse, Is.LessThan(lstm.Mse));
        });
    }

    /// <summary>
    /// Bessel J0 windows: HQKAN-LSTM (72.6% fewer parameters) and per-unit QKAN-LSTM (81.8% fewer) learn the forecast,
    /// but an LSTM of the same hidden size does better here (2.6e-7 against 1.9e-6 and 2.7e-4 at this budget; docs/qkan.md):
    /// the Bessel bar is not met. This test pins the parameter bar and that both fit.
    /// </summary>
    [Test]
    public void On_bessel_windows_both_qkan_lstms_fit_with_70_percent_fewer_parameters()
    {
        var lstm = FitOn(Bessel, Steps, new LstmModelFactory(), "hidden=64");
        var hqkan = FitOn(Bessel, Steps, new HqkanLstmModelFactory(), "hidden=64", "reps=2");
        var qkan = FitOn(Bessel, Steps, new QkanLstmModelFactory(), "hidden=64", "reps=2");
        Assert.Multiple(() =>
        {
            Assert.That(hqkan.Parameters, Is.LessThanOrEqualTo(0.3 * lstm.Parameters));
            Assert.That(qkan.Parameters, Is.LessThanOrEqualTo(0.3 * lstm.Parameters));
            Assert.That(hqkan.Mse, Is.LessThan(1e-5));
            Assert.That(qkan.Mse, Is.LessThan(1e-3));
            Assert.That(lstm.Mse, Is.LessThan(1e-5));
        });
    }

    /// <summary>
    /// A rank-4 linear path h → 4 → 4·64 (1,280 weights) lets the per-unit gates read the other units' states: on Bessel J0
    /// it brings the per-unit QKAN-LSTM (⟨Z⟩, small-Gaussian θ) from 3.1e-5 to 4.6e-6 with 4417 parameters (74.3% fewer than the LSTM's 17217),
    /// still above the LSTM's 2.6e-7 (docs/qkan.md has the learning-rate × seed grid). This test pins the improvement.
    /// </summary>
    [Test]
    public void On_bessel_windows_a_low_rank_mixing_path_makes_per_unit_qkan_lstm_much_more_accurate()
    {
        var plain = FitOn(Bessel, Steps, new QkanLstmModelFactory(), "hidden=64", "reps=2", "readout=z", "init=small-gaussian");
        var mixed = FitOn(Bessel, Steps, new QkanLstmModelFactory(), "hidden=64", "reps=2", "readout=z", "init=small-gaussian", "mix=4");
        int lstm = (4 * ((64 * 1) + (64 * 64) + (2 * 64))) + 65;
        Assert.Multiple(() =>
        {
            // The per-unit model's 3137, plus V (64 → 4) and U (4 → 256) without biases.
            Assert.That(mixed.Parameters, Is.EqualTo(plain.Parameters + (64 * 4) + (4 * 256)));
            Assert.That(mixed.Parameters, Is.LessThanOrEqualTo(0.3 * lstm));
            Assert.That(mixed.Mse, Is.LessThan(plain.Mse / 4));
            Assert.That(mixed.Mse, Is.LessThan(1e-5));
        });
    }

    /// <summary>
    /// QKAN-LSTM (gates QKANLayer([h, x] → hidden)) learns the forecast, but a DARUAN edge carries at least as many
    /// parameters as a weight, so at the same hidden size it has MORE parameters than the LSTM, and (here) a higher
    /// test MSE: the bar is not met for it. This test pins what holds: it fits, and its count is the spec's formula.
    /// </summary>
    [Test]
    public void Qkan_lstm_learns_the_forecast_with_the_spec_parameter_count()
    {
        var options = new QkanLayerOptions { Reps = 1 };
        var qkan = Fit(new QkanLstmModelFactory(), "hidden=4", "gates=full", "reps=1", "base=true");
        var lstm = Fit(new LstmModelFactory(), "hidden=4");
        Assert.Multiple(() =>
        {
            Assert.That(qkan.Parameters, Is.EqualTo((4 * QkanLayer.ExpectedParameterCount(5, 4, options with { BaseTrainable = true })) + 5));
            Assert.That(qkan.Mse, Is.LessThan(1e-3));
        });
    }

    /// <summary>Chen et al.'s QLSTM (gates Linear → 2-qubit VQC on the CPU backend → Linear) learns the forecast (50 Adam steps: every step runs 4 gates × 8 time steps of circuit batches).</summary>
    [Test]
    public void Qlstm_learns_the_forecast()
    {
        var qlstm = FitFor(50, new QlstmModelFactory(), "hidden=4", "qubits=2", "layers=2");
        Assert.Multiple(() =>
        {
            // Per gate: Linear(5 → 2) 12, VQC 3·2·2 = 12, Linear(2 → 4) 12; head 5.
            Assert.That(qlstm.Parameters, Is.EqualTo((4 * (12 + 12 + 12)) + 5));
            Assert.That(qlstm.Mse, Is.LessThan(QlstmBar));
        });
    }
}
