using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Qml.Host.Tests.Cli;

/// <summary>
/// <c>qml import-qkan</c> (the QKAN plugin's command) on files laid out as the reference library
/// writes them: float32 tensors named "layers.{l}.theta", … in natural shapes, written here byte by byte.
/// </summary>
[NonParallelizable]
public sealed class ImportQkanCliTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("qml-import-qkan-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Infers_width_reps_and_ansatz_from_a_reference_file()
    {
        var file = WriteReference("qkan.safetensors", ReferenceQkan([1, 3, 1], reps: 2, angles: 2));

        var outcome = QmlProcess.Run("import-qkan", file, "--format", "json");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("width").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 1, 3, 1 }));
            Assert.That(root.GetProperty("reps").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("ansatz").GetString(), Is.EqualTo("pz"));
            Assert.That(root.GetProperty("sameShapesAs").GetString(), Is.EqualTo("mix"));

            // Two layers of three edges, 2(r+1) theta each; base and post-activations keep their defaults, so they are frozen.
            Assert.That(root.GetProperty("parameters").GetInt32(), Is.EqualTo(2 * 3 * 6));
            Assert.That(root.GetProperty("modelOptions").GetProperty("hidden").GetString(), Is.EqualTo("3"));
        });
    }

    [Test]
    public void Rpz_files_are_recognised_by_one_angle_per_step()
    {
        var file = WriteReference("rpz.safetensors", ReferenceQkan([2, 1], reps: 3, angles: 1));

        var outcome = QmlProcess.Run("import-qkan", file);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.ToString());
        Assert.That(outcome.StandardOutput, Does.Contain("width [2, 1], reps 3, ansatz rpz"));
        Assert.That(outcome.StandardOutput, Does.Contain("px has the same shapes"));
    }

    [Test]
    public void Every_mismatch_is_named_with_expected_and_found_shapes()
    {
        var tensors = ReferenceQkan([1, 3, 1], reps: 2, angles: 2);
        tensors["layers.1.theta"] = (new[] { 1, 3, 4, 2 }, new float[24]);
        tensors.Remove("layers.0.mask");
        tensors["layers.0.extra"] = (new[] { 2 }, new float[2]);
        var file = WriteReference("bad.safetensors", tensors);

        var outcome = QmlProcess.Run("import-qkan", file);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("3 problems"));
        Assert.That(outcome.StandardError, Does.Contain("'layers.1.theta': expected shape (1, 3, 3, 2), found (1, 3, 4, 2)"));
        Assert.That(outcome.StandardError, Does.Contain("missing 'layers.0.mask': expected shape (3, 1)"));
        Assert.That(outcome.StandardError, Does.Contain("unexpected 'layers.0.extra' (2)"));
    }

    [Test]
    public void Layers_that_do_not_chain_are_refused()
    {
        var tensors = ReferenceQkan([1, 3, 1], reps: 2, angles: 2);
        foreach (var (name, value) in ReferenceQkan([2, 1], reps: 2, angles: 2))
        {
            tensors[name.Replace("layers.0.", "layers.1.", StringComparison.Ordinal)] = value;
        }

        var outcome = QmlProcess.Run("import-qkan", WriteReference("chain.safetensors", tensors));

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ToString());
        Assert.That(outcome.StandardError, Does.Contain("layer 1 reads 2 inputs but layer 0 gives 3 outputs"));
    }

    [Test]
    public void The_written_checkpoint_evaluates_to_the_recorded_test_error()
    {
        var file = WriteReference("qkan.safetensors", ReferenceQkan([1, 3, 1], reps: 2, angles: 2, trained: true));
        var checkpoint = Path.Combine(_folder, "imported");

        var import = QmlProcess.Run("import-qkan", file, "--out", checkpoint, "--dataset", "bessel-j0", "-d", "samples=200", "--format", "json");
        Assert.That(import.ExitCode, Is.Zero, import.ToString());
        using var imported = JsonDocument.Parse(import.StandardOutput);
        double recorded = imported.RootElement.GetProperty("testMetrics").GetProperty("mse").GetDouble();

        var eval = QmlProcess.Run("eval", "--checkpoint", checkpoint, "--format", "json");

        Assert.That(eval.ExitCode, Is.Zero, eval.ToString());
        using var evaluated = JsonDocument.Parse(eval.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(evaluated.RootElement.GetProperty("model").GetString(), Is.EqualTo("qkan"));
            Assert.That(evaluated.RootElement.GetProperty("samples").GetInt32(), Is.EqualTo(40));
            Assert.That(evaluated.RootElement.GetProperty("metrics").GetProperty("mse").GetDouble(), Is.EqualTo(recorded).Within(1e-12));
            Assert.That(recorded, Is.GreaterThan(0));
        });
    }

    [Test]
    public void A_missing_file_and_a_missing_argument_are_usage_errors()
    {
        var missing = QmlProcess.Run("import-qkan", Path.Combine(_folder, "nope.safetensors"));
        var noFile = QmlProcess.Run("import-qkan");

        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString());
        Assert.That(missing.StandardError, Does.Contain("nope.safetensors does not exist"));
        Assert.That(noFile.ExitCode, Is.EqualTo(2), noFile.ToString());
        Assert.That(noFile.StandardError, Does.Contain("needs a FILE"));
    }

    /// <summary>The reference's tensors for QKAN(width, reps): theta (O, I, steps, K) and the per-edge tensors, float32.</summary>
    private static Dictionary<string, (int[] Shape, float[] Values)> ReferenceQkan(int[] width, int reps, int angles, bool trained = false)
    {
        var random = new Random(7);
        int steps = reps + 1;
        var tensors = new Dictionary<string, (int[] Shape, float[] Values)>(StringComparer.Ordinal);
        for (int l = 0; l + 1 < width.Length; l++)
        {
            int i = width[l], o = width[l + 1], edges = o * i;
            tensors[$"layers.{l}.theta"] = ([o, i, steps, angles], Fill(edges * steps * angles, () => (float)((random.NextDouble() * 2) - 1)));
            tensors[$"layers.{l}.preacts_weight"] = ([o, i, reps], Fill(edges * reps, () => 1f));
            tensors[$"layers.{l}.preacts_bias"] = ([o, i, reps], Fill(edges * reps, () => 0f));
            tensors[$"layers.{l}.base_weight"] = ([o, i], Fill(edges, () => 0f));
            tensors[$"layers.{l}.postact_weights"] = ([o, i], Fill(edges, () => trained ? (float)(random.NextDouble() + 0.5) : 1f));
            tensors[$"layers.{l}.postact_bias"] = ([o, i], Fill(edges, () => 0f));
            tensors[$"layers.{l}.mask"] = ([o, i], Fill(edges, () => 1f));
        }

        return tensors;

        static float[] Fill(int n, Func<float> value) => [.. Enumerable.Range(0, n).Select(_ => value())];
    }

    /// <summary>A safetensors file as PyTorch writes it: 8-byte little-endian header length, JSON header, F32 data.</summary>
    private string WriteReference(string name, Dictionary<string, (int[] Shape, float[] Values)> tensors)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = new Dictionary<string, string> { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (key, (shape, values)) in tensors)
        {
            header[key] = new { dtype = "F32", shape, data_offsets = new[] { offset, offset + (4L * values.Length) } };
            offset += 4L * values.Length;
        }

        var headerBytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var path = Path.Combine(_folder, name);
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
        stream.Write(length);
        stream.Write(headerBytes);
        Span<byte> value = stackalloc byte[4];
        foreach (var (_, (_, values)) in tensors)
        {
            foreach (var v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, v);
                stream.Write(value);
            }
        }

        return path;
    }
}
