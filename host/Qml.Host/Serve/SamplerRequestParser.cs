using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Qasm;

namespace Qml.Host.Serve;

/// <summary>A request the server refuses, with its HTTP status and message.</summary>
public sealed class SamplerRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Reads the body of <c>POST /api/v1/jobs</c>:
/// <c>{"program_id":"sampler","backend":B,"params":{"pubs":[PUB,…],"shots":N?,"options":{"simulator":{"seed_simulator":S}}?}}</c>,
/// each PUB either IBM's tuple <c>[qasm, parameter_values?, shots?]</c> or the object
/// <c>{"circuit":qasm,"parameter_values":…,"shots":N}</c>. Parameter values are null, one row of
/// P numbers, or an array of rows; column p is the p-th <c>input</c> in declaration order.
/// </summary>
public static class SamplerRequestParser
{
    public static (IReadOnlyList<SamplerPub> Pubs, ulong? Seed) Parse(JsonNode? body, string backendName, ServeOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (body is not JsonObject root)
        {
            throw Bad("the body must be a JSON object with program_id, backend and params.");
        }

        var program = String(root["program_id"], "program_id");
        if (!string.Equals(program, "sampler", StringComparison.Ordinal))
        {
            throw Bad($"program_id '{program}' is not served; only 'sampler' is.");
        }

        if (root["backend"] is { } backendNode)
        {
            var backend = String(backendNode, "backend");
            if (!string.Equals(backend, backendName, StringComparison.OrdinalIgnoreCase))
            {
                throw Bad($"backend '{backend}' is not served here; this server runs '{backendName}'.");
            }
        }

        if (root["params"] is not JsonObject parameters)
        {
            throw Bad("params must be an object holding pubs.");
        }

        if (parameters["pubs"] is not JsonArray pubs || pubs.Count == 0)
        {
            throw Bad("params.pubs must be a non-empty array of PUBs.");
        }

        if (pubs.Count > limits.MaxPubs)
        {
            throw Bad($"params.pubs has {pubs.Count} PUBs; at most {limits.MaxPubs} are accepted per job.");
        }

        var defaultShots = parameters["shots"] is { } shotsNode ? Shots(shotsNode, "params.shots", limits) : limits.DefaultShots;
        ulong? seed = null;
        if (parameters["options"]?["simulator"]?["seed_simulator"] is { } seedNode)
        {
            seed = seedNode.GetValueKind() == JsonValueKind.Number && seedNode.AsValue().TryGetValue<ulong>(out var s)
                ? s
                : throw Bad("params.options.simulator.seed_simulator must be a non-negative integer.");
        }

        var parsed = new List<SamplerPub>(pubs.Count);
        long totalShots = 0;
        for (var i = 0; i < pubs.Count; i++)
        {
            var pub = ParsePub(pubs[i], i, defaultShots, limits);
            totalShots += (long)pub.Bindings.Rows * pub.Shots;
            if (totalShots > limits.MaxTotalShots)
            {
                throw Bad($"the job asks for more than {limits.MaxTotalShots} shots in all (rows × shots over its PUBs).");
            }

            parsed.Add(pub);
        }

        return (parsed, seed);
    }

    private static SamplerPub ParsePub(JsonNode? node, int index, int defaultShots, ServeOptions limits)
    {
        var where = $"params.pubs[{index}]";
        JsonNode? qasmNode;
        JsonNode? valuesNode;
        JsonNode? shotsNode;
        switch (node)
        {
            case JsonArray tuple when tuple.Count is >= 1 and <= 3:
                qasmNode = tuple[0];
                valuesNode = tuple.Count > 1 ? tuple[1] : null;
                shotsNode = tuple.Count > 2 ? tuple[2] : null;
                break;
            case JsonObject obj:
                qasmNode = obj["circuit"];
                valuesNode = obj["parameter_values"];
                shotsNode = obj["shots"];
                break;
            default:
                throw Bad($"{where} must be [circuit, parameter_values?, shots?] or {{\"circuit\", \"parameter_values\", \"shots\"}}.");
        }

        var qasm = String(qasmNode, $"{where} circuit");
        Abstractions.Circuits.Circuit circuit;
        try
        {
            circuit = QasmReader.Read(qasm, $"pub{index}.qasm", QasmReaderOptions.Default with { MaxQubits = limits.MaxQubits, MaxFileSize = (int)Math.Min(int.MaxValue, limits.MaxRequestBytes) });
        }
        catch (QmlException e)
        {
            throw Bad(e.Message);
        }

        var shots = shotsNode is null || shotsNode.GetValueKind() == JsonValueKind.Null ? defaultShots : Shots(shotsNode, $"{where} shots", limits);
        var bindings = Bindings(valuesNode, circuit, where);
        return new SamplerPub(circuit, bindings, shots);
    }

    private static BindingTable Bindings(JsonNode? node, Abstractions.Circuits.Circuit circuit, string where)
    {
        var columns = circuit.Symbols.Length;
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return columns == 0
                ? BindingTable.Empty()
                : throw Bad($"{where}: the circuit has {columns} input(s) ({Names(circuit)}) and no parameter values were given.");
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            throw Bad($"{where} parameter_values must be null, one row of numbers or an array of rows.");
        }

        var rows = new List<double[]>();
        if (array.All(v => v is JsonArray))
        {
            foreach (var row in array)
            {
                rows.Add(Row((JsonArray)row!, where, rows.Count));
            }
        }
        else
        {
            rows.Add(Row(array, where, 0));
        }

        foreach (var row in rows)
        {
            if (row.Length != columns)
            {
                throw Bad($"{where}: a parameter row has {row.Length} value(s); the circuit has {columns} input(s) ({Names(circuit)}).");
            }
        }

        return columns == 0 ? BindingTable.Empty(rows.Count) : BindingTable.FromRows(rows);
    }

    private static double[] Row(JsonArray row, string where, int index)
    {
        var values = new double[row.Count];
        for (var i = 0; i < row.Count; i++)
        {
            if (row[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<double>(out var x) || !double.IsFinite(x))
            {
                throw Bad($"{where}: parameter row {index}, value {i} is not a finite number.");
            }

            values[i] = x;
        }

        return values;
    }

    private static int Shots(JsonNode node, string what, ServeOptions limits) =>
        node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var shots) && shots >= 1 && shots <= limits.MaxShots
            ? shots
            : throw Bad($"{what} must be an integer in 1..{limits.MaxShots.ToString(CultureInfo.InvariantCulture)}.");

    private static string String(JsonNode? node, string what) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Bad($"{what} must be a string.");

    private static string Names(Abstractions.Circuits.Circuit circuit) => string.Join(", ", circuit.Symbols.Select(s => s.Name));

    private static SamplerRequestException Bad(string message) => new(400, message);
}
