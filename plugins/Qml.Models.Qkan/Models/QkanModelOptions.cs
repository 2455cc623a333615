using System.Globalization;
using Qml.Abstractions;
using Qml.Learning.Models;
using Qml.Models.Qkan.Daruan;
using Qml.Models.Qkan.Layers;

namespace Qml.Models.Qkan.Models;

/// <summary>The <c>-m key=value</c> options shared by the QKAN family, read into <see cref="QkanLayerOptions"/>.</summary>
internal static class QkanModelOptions
{
    public static readonly ModelOptionInfo Hidden = new("hidden", "hidden widths, comma-separated (e.g. 10 or 8,8; none or empty: one layer)", "10");
    public static readonly ModelOptionInfo Reps = new("reps", "DARUAN repetitions r", "3");
    public static readonly ModelOptionInfo AnsatzOption = new("ansatz", "pz, rpz, px, real or mix", "pz");
    public static readonly ModelOptionInfo ReadoutOption = new("readout", "fast (|a0|−|a1|) or z (⟨Z⟩)", "fast");
    public static readonly ModelOptionInfo Solver = new("solver", "exact (closed form) or circuit (through --backend)", "exact");
    public static readonly ModelOptionInfo Preact = new("preact", "trainable pre-activations w·x+b", "false");
    public static readonly ModelOptionInfo PostactWeight = new("postact-weight", "trainable post-activation weight", "false");
    public static readonly ModelOptionInfo PostactBias = new("postact-bias", "trainable post-activation bias", "false");
    public static readonly ModelOptionInfo Base = new("base", "SiLU base branch (ba_trainable)", "false");
    public static readonly ModelOptionInfo Group = new("group", "-1, or the number of theta blocks shared across edges", "-1");
    public static readonly ModelOptionInfo Init = new("init", "xavier or small-gaussian", "xavier");

    public static IReadOnlyList<ModelOptionInfo> Layer { get; } =
        [Reps, AnsatzOption, ReadoutOption, Solver, Preact, PostactWeight, PostactBias, Base, Group, Init];

    public static QkanLayerOptions Read(ModelOptions options, ModelContext context)
    {
        var solver = options.GetChoice(Solver.Name, "exact", "exact", "circuit") == "exact" ? SolverKind.Exact : SolverKind.Circuit;
        var layer = new QkanLayerOptions
        {
            Reps = options.GetInt(Reps.Name, 3, 1, 64),
            Ansatz = AnsatzInfo.Parse(options.GetChoice(AnsatzOption.Name, "pz", [.. AnsatzInfo.Names])),
            Readout = ReadoutInfo.Parse(options.GetChoice(ReadoutOption.Name, "fast", "fast", "z")),
            Solver = solver,
            Backend = solver == SolverKind.Circuit ? context.Backend : null,
            Differentiation = context.Differentiation,
            PreactTrainable = options.GetBool(Preact.Name, false),
            PostactWeightTrainable = options.GetBool(PostactWeight.Name, false),
            PostactBiasTrainable = options.GetBool(PostactBias.Name, false),
            BaseTrainable = options.GetBool(Base.Name, false),
            Group = options.GetInt(Group.Name, -1, -1),
            ThetaInit = options.GetChoice(Init.Name, "xavier", "xavier", "small-gaussian") == "xavier" ? ThetaInit.Xavier : ThetaInit.SmallGaussian,
        };
        try
        {
            layer.Validate();
        }
        catch (ArgumentException e)
        {
            throw new QmlException(e.Message);
        }

        return layer;
    }

    public static int[] HiddenWidths(ModelOptions options, string defaultValue = "10")
    {
        string text = options.GetString(Hidden.Name, defaultValue);
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out widths[k]) || widths[k] < 1)
            {
                throw new QmlException($"option 'hidden' takes positive widths separated by commas (e.g. 10 or 8,8); got '{text}'.");
            }
        }

        return widths;
    }
}
