using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qml.Abstractions;

namespace Qml.Backends.Remote;

/// <summary>
/// Which physical qubits a two-qubit gate may join: a line (qubit i with i+1, as wide as the
/// circuit) or an edge list read from JSON (<c>[[0,1],[1,2],…]</c>, IBM's coupling_map shape).
/// Edges are undirected unless the file says <c>"directed": true</c>: then a CX may only run
/// from an edge's first qubit to its second, and the router turns the others around with H
/// on both qubits. Listing both directions of an edge allows both.
/// </summary>
internal sealed class CouplingMap
{
    private readonly HashSet<(int A, int B)> _edges;
    private readonly HashSet<(int A, int B)> _arcs;
    private readonly List<int>[] _neighbours;
    private int[][]? _distances;
    private int[]? _components;

    private CouplingMap(string description, int qubits, IEnumerable<(int A, int B)> edges, bool linear, bool directed)
    {
        Description = description;
        Qubits = qubits;
        IsLinear = linear;
        IsDirected = directed;
        _edges = [];
        _arcs = [];
        _neighbours = [.. Enumerable.Range(0, qubits).Select(_ => new List<int>())];
        foreach (var (a, b) in edges)
        {
            if (a == b)
            {
                continue;
            }

            _arcs.Add((a, b));
            if (_edges.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                _neighbours[a].Add(b);
                _neighbours[b].Add(a);
            }
        }
    }

    /// <summary>A distance no path has: qubits in different connected parts.</summary>
    public const int Unreachable = 1 << 20;

    public string Description { get; }

    /// <summary>Physical qubits of the device.</summary>
    public int Qubits { get; }

    /// <summary>A line sized to each circuit (<c>coupling=linear</c>).</summary>
    public bool IsLinear { get; }

    /// <summary>True when a CX may only run along the listed direction of an edge.</summary>
    public bool IsDirected { get; }

    /// <summary>Undirected edges (lower qubit first).</summary>
    public IEnumerable<(int A, int B)> Edges => _edges;

    /// <summary>Edges as listed (control, target); both directions of every edge when the map is undirected.</summary>
    public IEnumerable<(int A, int B)> Arcs => IsDirected ? _arcs : _edges.SelectMany(e => new[] { e, (e.B, e.A) });

    /// <summary>Connected part of each physical qubit (numbered from 0 in order of the lowest qubit).</summary>
    public IReadOnlyList<int> Components => _components ??= FindComponents();

    public bool IsConnected => Qubits == 0 || Components.Max() == 0;

    public static CouplingMap Linear(int qubits) =>
        new("linear", qubits, Enumerable.Range(0, Math.Max(0, qubits - 1)).Select(i => (i, i + 1)), linear: true, directed: false);

    /// <summary>A map from an edge list (tests and generated maps); <paramref name="qubits"/> defaults to the largest index + 1.</summary>
    public static CouplingMap Create(string description, IReadOnlyCollection<(int A, int B)> edges, bool directed = false, int? qubits = null) =>
        new(description, qubits ?? (edges.Count == 0 ? 0 : edges.Max(e => Math.Max(e.A, e.B)) + 1), edges, linear: false, directed);

    /// <summary>
    /// Reads an edge list <c>[[a, b], …]</c>, or <c>{"coupling_map": [[a, b], …], "directed": true|false}</c>
    /// (IBM's field name; <c>directed</c> defaults to false).
    /// </summary>
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

        var directed = false;
        if (root is JsonObject obj && obj["directed"] is { } flag)
        {
            if (flag is not JsonValue value || value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new QmlException($"backend 'remote': {option} {path}: \"directed\" must be true or false.");
            }

            directed = value.GetValue<bool>();
        }

        var list = (root as JsonObject)?["coupling_map"] ?? root;
        if (list is not JsonArray array || array.Count == 0)
        {
            throw new QmlException($"backend 'remote': {option} {path} must hold a non-empty JSON array of edges [[a, b], …] (or {{\"coupling_map\": [[a, b], …], \"directed\": true}}).");
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

        return new CouplingMap(path, edges.Max(e => Math.Max(e.Item1, e.Item2)) + 1, edges, linear: false, directed);
    }

    /// <summary>The map for a circuit of <paramref name="qubits"/> qubits (a line grows to fit).</summary>
    public CouplingMap For(int qubits) => IsLinear && qubits != Qubits ? Linear(qubits) : this;

    /// <summary>True when an edge joins the two qubits, in either direction (a SWAP needs no more).</summary>
    public bool Adjacent(int a, int b) => _edges.Contains((Math.Min(a, b), Math.Max(a, b)));

    /// <summary>True when a CX may run with <paramref name="control"/> as control and <paramref name="target"/> as target.</summary>
    public bool Allows(int control, int target) => IsDirected ? _arcs.Contains((control, target)) : Adjacent(control, target);

    public IReadOnlyList<int> Neighbours(int qubit) => _neighbours[qubit];

    /// <summary>Edges between two physical qubits on a shortest path (<see cref="Unreachable"/> across parts), ignoring direction.</summary>
    public int[][] Distances => _distances ??= [.. Enumerable.Range(0, Qubits).Select(BreadthFirst)];

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

    /// <summary>The physical qubits of each connected part, as text for messages (e.g. <c>{0, 1}, {2, 3}</c>).</summary>
    public string DescribeComponents() =>
        string.Join(", ", Enumerable.Range(0, Qubits).GroupBy(q => Components[q]).Select(g => "{" + string.Join(", ", g) + "}"));

    private int[] BreadthFirst(int from)
    {
        var distance = new int[Qubits];
        Array.Fill(distance, Unreachable);
        distance[from] = 0;
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            foreach (var next in _neighbours[at])
            {
                if (distance[next] == Unreachable)
                {
                    distance[next] = distance[at] + 1;
                    queue.Enqueue(next);
                }
            }
        }

        return distance;
    }

    private int[] FindComponents()
    {
        var component = new int[Qubits];
        Array.Fill(component, -1);
        var count = 0;
        for (var q = 0; q < Qubits; q++)
        {
            if (component[q] >= 0)
            {
                continue;
            }

            var distance = BreadthFirst(q);
            for (var p = 0; p < Qubits; p++)
            {
                if (distance[p] != Unreachable)
                {
                    component[p] = count;
                }
            }

            count++;
        }

        return component;
    }

    private static bool TryQubit(JsonNode? node, out int qubit)
    {
        qubit = -1;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out qubit) && qubit is >= 0 and < 4096;
    }
}
