using System.Diagnostics;
using Qml.Abstractions;
using Qml.Learning.Autodiff;
using Qml.Learning.Checkpoints;
using Qml.Learning.Data;
using Qml.Learning.Layers;
using Qml.Learning.Models;
using Qml.Learning.Optimizers;
using Qml.Learning.Optimizers.GradientFree;
using Qml.Learning.Reports;
using Qml.Learning.Schedules;
using Qml.Learning.Tensors;

namespace Qml.Learning.Training;

/// <summary>
/// Trains an <see cref="IModel"/>: mini-batches shuffled per epoch, validation after each epoch,
/// early stopping on validation loss, a copy of the weights of the best validation epoch (put back
/// at the end when <see cref="TrainingOptions.RestoreBestWeights"/> says so), a checkpoint and
/// reports after each epoch, and a final test evaluation. Every random choice (shuffles, stochastic
/// optimizers, <see cref="Dropout"/> masks) is drawn from the seed and the epoch number, so a run
/// gives the same weights every time, and a run resumed from epoch k's checkpoint gives the same
/// weights as one that never stopped.
/// </summary>
public sealed class Trainer
{
    private readonly IModel _model;
    private readonly TrainingOptions _options;

    /// <summary>Creates a trainer for <paramref name="model"/>; nothing runs until <see cref="Fit"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="QmlException">An option is invalid (e.g. epochs or batch size &lt; 1, a non-positive rate, an unknown optimizer or schedule); the message names the option.</exception>
    public Trainer(IModel model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        _model = model;
        _options = options;
    }

    /// <summary>The seed of epoch <paramref name="epoch"/>'s shuffle and stochastic optimizer steps.</summary>
    public static int EpochSeed(int seed, int epoch) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)(epoch + 1) * 40503u) ^ 0x5bd1e995u));

    /// <summary>
    /// Trains on <paramref name="data"/> (already prepared). <paramref name="card"/> describes the run
    /// (dataset, preprocessing, backend…); the trainer fills in epoch, metrics and time.
    /// </summary>
    /// <exception cref="CheckpointException">Resuming from a checkpoint that is corrupt or belongs to another model or run.</exception>
    public TrainingResult Fit(DatasetSplit data, ModelCard card, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(card);
        if (_model is IOneShotModel oneShot)
        {
            if (_options.AdversarialEpsilon > 0)
            {
                throw new QmlException($"--adversarial-training: model '{card.ModelId}' is fitted in one shot, not by gradient steps, so FGSM examples cannot be mixed into its batches.");
            }

            return FitOnce(oneShot, data, card, progress, cancellationToken);
        }

        var network = _model.Network;
        var parameters = network.Parameters();
        var optimizer = CreateOptimizer(_options.Optimizer, parameters, _options.LearningRate);
        var schedule = CreateSchedule(_options);
        var directory = _options.CheckpointDirectory;
        var metricName = ModelBase.MetricNames(card.Task)[0];
        card = card with
        {
            ParameterCount = network.ParameterCount,
            Seed = _options.Seed,
            AdversarialEpsilon = _options.AdversarialEpsilon > 0 ? _options.AdversarialEpsilon : null,
        };
        var state = new TrainerState { ModelId = card.ModelId, Seed = _options.Seed, Optimizer = _options.Optimizer, BatchSize = _options.BatchSize };
        var best = new BestWeights(network);
        var bestKnown = false;
        var restoreBest = _options.RestoreBestWeights ?? _options.Patience > 0;
        if (_options.Resume && directory is not null && Checkpoint.Exists(directory))
        {
            (state, bestKnown) = Restore(directory, card, network, optimizer, best, restoreBest);
        }

        var resumedFrom = state.EpochsCompleted;
        var history = state.History.ToList();
        var clock = Stopwatch.StartNew();
        var fullBatch = UsesFullBatch(_options.Optimizer);
        var batchSize = fullBatch ? data.Train.SampleCount : Math.Min(_options.BatchSize, data.Train.SampleCount);
        var batches = fullBatch ? 1 : (data.Train.SampleCount + batchSize - 1) / batchSize;
        var lastEpoch = _options.StopAfterEpoch is { } stop ? Math.Min(stop, _options.Epochs) : _options.Epochs;
        var totalBatches = Math.Max(0, lastEpoch - state.EpochsCompleted) * batches;
        var batchesDone = 0;
        var interrupted = false;
        for (var epoch = state.EpochsCompleted; epoch < _options.Epochs && !state.StoppedEarly; epoch++)
        {
            if (epoch >= lastEpoch)
            {
                interrupted = true;
                break;
            }

            var epochClock = Stopwatch.StartNew();
            var learningRate = schedule?.LearningRateAt(epoch) ?? _options.LearningRate;
            if (optimizer is not null)
            {
                optimizer.LearningRate = learningRate;
            }

            network.Train();
            var seed = EpochSeed(_options.Seed, epoch);
            ReseedDropout(network, seed);
            var lossSum = 0.0;
            var metricSums = new Dictionary<string, double>(StringComparer.Ordinal);
            var samples = 0;
            var batchIndex = 0;
            IEnumerable<DatasetBatch> epochBatches = fullBatch ? [Evaluation.WholeBatch(data.Train)] : data.Train.Batches(batchSize, shuffle: true, seed);
            foreach (var batch in epochBatches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (loss, metrics) = optimizer is null
                    ? GradientFreeEpoch(batch, seed, learningRate)
                    : GradientStep(optimizer, batch);
                lossSum += loss * batch.Size;
                foreach (var (name, value) in metrics)
                {
                    metricSums[name] = metricSums.GetValueOrDefault(name) + (value * batch.Size);
                }

                samples += batch.Size;
                batchIndex++;
                batchesDone++;
                var elapsed = clock.Elapsed;
                progress?.Report(new TrainingProgress(
                    epoch + 1, _options.Epochs, batchIndex, batches, loss, metricName, metrics.GetValueOrDefault(metricName),
                    elapsed, elapsed / batchesDone * Math.Max(0, totalBatches - batchesDone)));
            }

            var validation = Evaluation.Of(_model, data.Validation);
            var record = new EpochRecord(
                epoch + 1,
                lossSum / samples,
                validation.Loss,
                metricSums.ToDictionary(p => p.Key, p => p.Value / samples, StringComparer.Ordinal),
                validation.Metrics,
                learningRate,
                epochClock.Elapsed.TotalSeconds);
            history.Add(record);
            var improved = validation.Loss < state.BestValidationLoss;
            if (improved)
            {
                best.Capture();
                bestKnown = true;
            }

            var patienceLeft = improved ? 0 : state.EpochsWithoutImprovement + 1;
            state = state with
            {
                EpochsCompleted = epoch + 1,
                BestValidationLoss = improved ? validation.Loss : state.BestValidationLoss,
                BestEpoch = improved ? epoch + 1 : state.BestEpoch,
                EpochsWithoutImprovement = patienceLeft,
                StoppedEarly = _options.Patience > 0 && patienceLeft >= _options.Patience && epoch + 1 < _options.Epochs,
                History = [.. history],
            };
            card = WithEpoch(card, record);
            if (directory is not null)
            {
                Checkpoint.Save(directory, network, card, optimizer, state, bestKnown ? best.Copy : null, null);
                if (_options.WriteReports)
                {
                    RunReport.WriteHistory(directory, card, history);
                }
            }

            var now = clock.Elapsed;
            progress?.Report(new TrainingProgress(
                epoch + 1, _options.Epochs, batches, batches, record.TrainLoss, metricName, validation.Metrics.GetValueOrDefault(metricName),
                now, batchesDone == 0 ? TimeSpan.Zero : now / batchesDone * Math.Max(0, totalBatches - batchesDone), record));
        }

        // The last epoch's weights stay in the checkpoint when the best ones replace them, so a
        // resume with more epochs continues from where training actually was.
        List<(string Name, Tensors.Tensor Value)>? last = null;
        int? restored = null;
        if (restoreBest && !interrupted && bestKnown && state.BestEpoch > 0)
        {
            if (state.BestEpoch < state.EpochsCompleted)
            {
                last = best.SnapshotOfNetwork();
                best.RestoreInto();
            }

            restored = state.BestEpoch;
        }

        state = state with { RestoredBestEpoch = restored };
        if ((restored is { } epochOfWeights ? history.Find(h => h.Epoch == epochOfWeights) : history.LastOrDefault()) is { } weightsRecord)
        {
            card = WithEpoch(card, weightsRecord);
        }

        var test = Evaluation.Of(_model, data.Test);
        var metricsWithTest = new Dictionary<string, double>(card.Metrics, StringComparer.Ordinal) { ["test_loss"] = test.Loss };
        foreach (var (name, value) in test.Metrics)
        {
            metricsWithTest["test_" + name] = value;
        }

        card = card with { Metrics = metricsWithTest, Created = DateTimeOffset.UtcNow };
        if (directory is not null)
        {
            Checkpoint.Save(directory, network, card, optimizer, state, bestKnown ? best.Copy : null, last);
            if (_options.WriteReports)
            {
                RunReport.WriteHistory(directory, card, history);
                RunReport.WritePredictions(directory, card, data.Test, test);
            }
        }

        return new TrainingResult(card, history, test, state.StoppedEarly, interrupted, resumedFrom, clock.Elapsed) { RestoredBestEpoch = restored };
    }

    /// <summary>
    /// A one-shot model: one fit on the whole training set, recorded as epoch 1 (train and
    /// validation metrics of the fitted model), then the test evaluation and one checkpoint.
    /// The fit is deterministic, so --resume simply fits again.
    /// </summary>
    private TrainingResult FitOnce(IOneShotModel model, DatasetSplit data, ModelCard card, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var metricName = ModelBase.MetricNames(card.Task)[0];
        var clock = Stopwatch.StartNew();
        progress?.Report(new TrainingProgress(1, 1, 0, 1, double.NaN, metricName, null, TimeSpan.Zero, null));
        model.Fit(data.Train, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var train = Evaluation.Of(model, data.Train);
        var validation = Evaluation.Of(model, data.Validation);
        var record = new EpochRecord(1, train.Loss, validation.Loss, train.Metrics, validation.Metrics, 0, clock.Elapsed.TotalSeconds);
        var history = new List<EpochRecord> { record };
        var state = new TrainerState
        {
            ModelId = card.ModelId,
            Seed = _options.Seed,
            Optimizer = _options.Optimizer,
            BatchSize = data.Train.SampleCount,
            EpochsCompleted = 1,
            BestValidationLoss = validation.Loss,
            BestEpoch = 1,
            History = history,
        };
        card = WithEpoch(card with { ParameterCount = model.FittedParameterCount, Seed = _options.Seed }, record);
        var test = Evaluation.Of(model, data.Test);
        var metrics = new Dictionary<string, double>(card.Metrics, StringComparer.Ordinal) { ["test_loss"] = test.Loss };
        foreach (var (name, value) in test.Metrics)
        {
            metrics["test_" + name] = value;
        }

        card = card with { Metrics = metrics, Created = DateTimeOffset.UtcNow };
        progress?.Report(new TrainingProgress(1, 1, 1, 1, record.TrainLoss, metricName, validation.Metrics.GetValueOrDefault(metricName), clock.Elapsed, TimeSpan.Zero, record));
        if (_options.CheckpointDirectory is { } directory)
        {
            Checkpoint.SaveFitted(directory, model, card, state);
            if (_options.WriteReports)
            {
                RunReport.WriteHistory(directory, card, history);
                RunReport.WritePredictions(directory, card, data.Test, test);
            }
        }

        return new TrainingResult(card, history, test, false, false, 0, clock.Elapsed);
    }

    /// <summary>Creates the optimizer named <paramref name="name"/>, or null for the gradient-free ones (run by the trainer itself).</summary>
    public static IOptimizer? CreateOptimizer(string name, IReadOnlyList<Parameter> parameters, double learningRate) => name switch
    {
        "adam" => new Adam(parameters, new AdamOptions(LearningRate: learningRate)),
        "adamw" => new AdamW(parameters, new AdamOptions(LearningRate: learningRate, WeightDecay: 0.01)),
        "sgd" => new Sgd(parameters, new SgdOptions(LearningRate: learningRate, Momentum: 0.9)),
        "lbfgs" => new Lbfgs(parameters, new LbfgsOptions(LearningRate: learningRate)),
        "spsa" or "nelder-mead" or "cobyla" => null,
        _ => throw new QmlException($"unknown optimizer '{name}'; valid: {string.Join(", ", TrainingOptions.OptimizerNames)}."),
    };

    private static ILearningRateSchedule? CreateSchedule(TrainingOptions options) => options.Schedule switch
    {
        "none" => null,
        "step" => new StepDecay(options.LearningRate, Math.Max(1, options.Epochs / 4), 0.5),
        "cosine" => new CosineAnnealing(options.LearningRate, options.Epochs, options.LearningRate / 100),
        _ => throw new QmlException($"unknown schedule '{options.Schedule}'; valid: {string.Join(", ", TrainingOptions.ScheduleNames)}."),
    };

    private static bool UsesFullBatch(string optimizer) => optimizer is "lbfgs" or "spsa" or "nelder-mead" or "cobyla";

    private static void Validate(TrainingOptions options)
    {
        if (options.Epochs < 1)
        {
            throw new QmlException($"--epochs {options.Epochs} is invalid: expected at least 1.");
        }

        if (options.BatchSize < 1)
        {
            throw new QmlException($"--batch-size {options.BatchSize} is invalid: expected at least 1.");
        }

        if (!(options.LearningRate > 0) || double.IsInfinity(options.LearningRate))
        {
            throw new QmlException($"--lr {options.LearningRate} is invalid: expected a positive number.");
        }

        if (options.Patience < 0)
        {
            throw new QmlException($"--patience {options.Patience} is invalid: expected 0 (off) or more.");
        }

        if (!TrainingOptions.OptimizerNames.Contains(options.Optimizer))
        {
            throw new QmlException($"unknown optimizer '{options.Optimizer}'; valid: {string.Join(", ", TrainingOptions.OptimizerNames)}.");
        }

        if (!TrainingOptions.ScheduleNames.Contains(options.Schedule))
        {
            throw new QmlException($"unknown schedule '{options.Schedule}'; valid: {string.Join(", ", TrainingOptions.ScheduleNames)}.");
        }

        if (!(options.AdversarialEpsilon >= 0) || double.IsInfinity(options.AdversarialEpsilon))
        {
            throw new QmlException($"--adversarial-epsilon {options.AdversarialEpsilon} is invalid: expected a finite number ≥ 0.");
        }

        if (options.AdversarialEpsilon > 0 && UsesFullBatch(options.Optimizer) && options.Optimizer != "lbfgs")
        {
            throw new QmlException($"--adversarial-training needs a gradient optimizer (adam, adamw, sgd, lbfgs); {options.Optimizer} does not use gradients.");
        }

        if (options.Resume && options.CheckpointDirectory is null)
        {
            throw new QmlException("--resume needs a checkpoint folder (--out DIR).");
        }
    }

    private static ModelCard WithEpoch(ModelCard card, EpochRecord record)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["train_loss"] = record.TrainLoss,
            ["val_loss"] = record.ValidationLoss,
        };
        foreach (var (name, value) in record.TrainMetrics)
        {
            metrics["train_" + name] = value;
        }

        foreach (var (name, value) in record.ValidationMetrics)
        {
            metrics["val_" + name] = value;
        }

        return card with { Epoch = record.Epoch, Metrics = metrics, Created = DateTimeOffset.UtcNow };
    }

    /// <summary>
    /// Loads the checkpoint to continue from: the last epoch's weights (from <c>last.safetensors</c>
    /// when the best ones were restored into <c>weights.safetensors</c>), the optimizer state and the
    /// best-weights copy. Returns the state and whether the copy was found.
    /// </summary>
    private (TrainerState State, bool BestKnown) Restore(string directory, ModelCard card, Module network, IOptimizer? optimizer, BestWeights best, bool restoreBest)
    {
        var stored = Checkpoint.ReadCard(directory);
        var cardPath = Path.Combine(directory, Checkpoint.CardFile);
        if (!string.Equals(stored.ModelId, card.ModelId, StringComparison.Ordinal))
        {
            throw new CheckpointException($"{cardPath}: the checkpoint is of model '{stored.ModelId}', not '{card.ModelId}'; choose another --out folder or the same --model.");
        }

        if (stored.InputFeatures != card.InputFeatures || stored.Outputs != card.Outputs)
        {
            throw new CheckpointException(
                $"{cardPath}: the checkpoint maps {stored.InputFeatures} features to {stored.Outputs} outputs; this run maps {card.InputFeatures} to {card.Outputs}.");
        }

        var state = Checkpoint.ReadState(directory);
        var statePath = Path.Combine(directory, Checkpoint.TrainerFile);
        if (state.Seed != _options.Seed || !string.Equals(state.Optimizer, _options.Optimizer, StringComparison.Ordinal))
        {
            throw new CheckpointException(
                $"{statePath}: the checkpoint was trained with --seed {state.Seed} --optimizer {state.Optimizer}; resume with the same settings (got --seed {_options.Seed} --optimizer {_options.Optimizer}).");
        }

        var lastWeights = state.RestoredBestEpoch is { } restored && restored < state.EpochsCompleted ? Checkpoint.LastWeightsFile : Checkpoint.WeightsFile;
        Checkpoint.LoadWeights(directory, lastWeights, Checkpoint.NetworkTensors(network), card.ModelId);
        if (optimizer is not null)
        {
            Checkpoint.LoadOptimizer(directory, optimizer);
        }

        var bestKnown = false;
        if (state.BestEpoch > 0)
        {
            var bestPath = Path.Combine(directory, Checkpoint.BestWeightsFile);
            if (File.Exists(bestPath))
            {
                Checkpoint.LoadWeights(directory, Checkpoint.BestWeightsFile, best.Copy, card.ModelId);
                bestKnown = true;
            }
            else if (restoreBest)
            {
                throw new CheckpointException(
                    $"{bestPath}: missing, so the weights of the best epoch ({state.BestEpoch}) cannot be restored at the end; resume with --restore-best false, or train afresh.");
            }
        }

        return (state with { RestoredBestEpoch = null }, bestKnown);
    }

    /// <summary>Restarts every <see cref="Dropout"/> layer's mask stream from the epoch's seed and the layer's place in the network.</summary>
    private static void ReseedDropout(Module network, int epochSeed)
    {
        var index = 0;
        Visit(network);

        void Visit(Module module)
        {
            if (module is Dropout dropout)
            {
                dropout.Reseed(epochSeed, index++);
            }

            foreach (var (_, child) in module.NamedChildren())
            {
                Visit(child);
            }
        }
    }

    private (double Loss, IReadOnlyDictionary<string, double> Metrics) GradientStep(IOptimizer optimizer, DatasetBatch batch)
    {
        if (_options.AdversarialEpsilon > 0)
        {
            batch = WithFgsmExamples(batch, _options.AdversarialEpsilon);
        }

        IReadOnlyDictionary<string, double>? metrics = null;
        var input = Tensor.Wrap(batch.Features, batch.Size, batch.FeatureCount);
        var loss = optimizer.Step(() =>
        {
            optimizer.ZeroGrad();
            var output = _model.Network.Forward(input);
            var value = _model.Loss(output, batch);
            value.Backward();
            metrics ??= _model.Metrics(output, batch);
            return value.Item();
        });
        return (loss, metrics!);
    }

    /// <summary>The batch followed by its FGSM examples (same labels), crafted against the current weights.</summary>
    private DatasetBatch WithFgsmExamples(DatasetBatch batch, double epsilon)
    {
        var adversarial = Adversarial.Attacks.Fgsm(_model, batch, epsilon);
        return new DatasetBatch(
            [.. batch.Indices, .. batch.Indices],
            [.. batch.Features, .. adversarial],
            batch.FeatureCount,
            batch.Labels is { } labels ? [.. labels, .. labels] : null,
            batch.Targets is { } targets ? [.. targets, .. targets] : null,
            batch.TargetWidth);
    }

    private (double Loss, IReadOnlyDictionary<string, double> Metrics) GradientFreeEpoch(DatasetBatch batch, int seed, double learningRate)
    {
        var parameters = _model.Network.Parameters();
        var input = Tensor.Wrap(batch.Features, batch.Size, batch.FeatureCount);
        double Objective(ReadOnlySpan<double> point)
        {
            Scatter(point, parameters);
            using var _ = new NoGradScope();
            return _model.Loss(_model.Network.Forward(input), batch).Item();
        }

        var start = Gather(parameters);
        var budget = Math.Max(2, _options.EvaluationsPerEpoch);
        var result = _options.Optimizer switch
        {
            "spsa" => Spsa.Minimize(Objective, start, new SpsaOptions { MaxIterations = Math.Max(1, budget / 2), LearningRate = learningRate, Seed = seed }),
            "nelder-mead" => NelderMead.Minimize(Objective, start, new NelderMeadOptions { MaxEvaluations = budget, MaxIterations = budget }),
            _ => Cobyla.Minimize(Objective, start, null, new CobylaOptions { MaxEvaluations = budget, InitialRadius = learningRate, FinalRadius = Math.Min(1e-6, learningRate) }),
        };
        Scatter(result.BestPoint, parameters);
        using var _ = new NoGradScope();
        var output = _model.Network.Forward(input);
        return (_model.Loss(output, batch).Item(), _model.Metrics(output, batch));
    }

    private static double[] Gather(IReadOnlyList<Parameter> parameters)
    {
        var point = new double[parameters.Sum(p => p.Length)];
        var offset = 0;
        foreach (var p in parameters)
        {
            p.Value.Data.CopyTo(point.AsSpan(offset));
            offset += p.Length;
        }

        return point;
    }

    private static void Scatter(ReadOnlySpan<double> point, IReadOnlyList<Parameter> parameters)
    {
        var offset = 0;
        foreach (var p in parameters)
        {
            point.Slice(offset, p.Length).CopyTo(p.Value.Data);
            offset += p.Length;
        }
    }
}
