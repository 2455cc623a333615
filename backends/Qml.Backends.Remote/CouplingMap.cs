using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qml.Abstractions;

namespace Qml.Backends.Remote;

/// <summary>
/// Which physical qubits a two-qubit gate may join: a line (qubit i with i+1, as wide as the
/// circuit) or an edge list read from JSON (<c>[[0,1],[1,2],…]</c>, IBM's coupling_map shape).
/// Edges are undirected: a CX against an edge's direction is the same CX with H on both sides,
/// which a device's compiler adds.
/// </summary>
internal sealed class CouplingMap
{
    private readonly HashSet<(int, int)> _edges;
    private readonly List<int>[] _neighbours;

    private CouplingMap(string description, int qubits, IEnumerable<(int A, int B)> edges, bool linear)
    {
        Description = description;
        Qubits = qubits;
        IsLinear = linear;
        _edges = [];
        _neighbours = [.. Enumerable.Range(0, qubits).Select(_ => new List<int>())];
        foreach (var (a, b) in edges)
        {
            if (a != b && _edges.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                _neighbours[a].Add(b);
                _neighbours[b].Add(a);
            }
        }
    }

    public string Description { get; }

    /// <summary>Physical qubits of the device.</summary>
    public int Qubits { get; }

    /// <summary>A line sized to each circuit (<c>coupling=linear</c>).</summary>
    public bool IsLinear { get; }

    public IEnumerable<(int A, int B)> Edges => _edges;

    public static CouplingMap Linear(int qubits) =>
        new("linear", qubits, Enumerable.Range(0, Math.Max(0, qubits - 1)).Select(i => (i, i + 1)), linear: true);

    /// <summary>Reads an edge list <c>[[a, b], …]</c> (or <c>{"coupling_map": [[a, b], …]}</c>).</summary>
    public static CouplingMap Load(string path, string option)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new QmlException($"backend 'remote': {option} {path}: {e.Message}");
        }

        var list = (root as JsonObject)?["coupling_map"] ?? root;
        if (list is not JsonArray array || array.Count == 0)
        {
            throw new QmlException($"backend 'remote': {option} {path} must hold a non-empty JSON array of edges [[a, b], …].");
        }

        var edges = new List<(int, int)>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonArray pair || pair.Count != 2 || !TryQubit(pair[0], out var a) || !TryQubit(pair[1], out var b) || a == b)
            {
                throw new QmlException($"backend 'remote': {option} {path}: edge {i.ToString(CultureInfo.InvariantCulture)} is not a pair of two different qubit indices in 0..4095.");
            }

            edges.Add((a, b));
        }

        return new CouplingMap(path, edges.Max(e => Math.Max(e.Item1, e.Item2)) + 1, edges, linear: false);
    }

    /// <summary>The map for a circuit of <paramref name="qubits"/> qubits (a line grows to fit).</summary>
    public CouplingMap For(int qubits) => IsLinear && qubits != Qubits ? Linear(qubits) : this;

    public bool Adjacent(int a, int b) => _edges.Contains((Math.Min(a, b), Math.Max(a, b)));

    /// <summary>Physical qubits from <paramref name="from"/> to <paramref name="to"/> along a shortest path (both ends included), or null.</summary>
    public int[]? ShortestPath(int from, int to)
    {
        var previous = new int[Qubits];
        Array.Fill(previous, -1);
        previous[from] = from;
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            if (at == to)
            {
                var path = new List<int>();
                for (var q = to; q != from; q = previous[q])
                {
                    path.Add(q);
                }

                path.Add(from);
                path.Reverse();
                return [.. path];
            }

            foreach (var next in _neighbours[at])
            {
                if (previous[next] < 0)
                {
                    previous[next] = at;
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static bool TryQubit(JsonNode? node, out int qubit)
    {
        qubit = -1;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out qubit) && qubit is >= 0 and < 4096;
    }
}
