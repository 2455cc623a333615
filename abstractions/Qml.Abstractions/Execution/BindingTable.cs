namespace Qml.Abstractions.Execution;

/// <summary>
/// A B×P table of symbol values, row-major: row b binds every symbol of the circuit for
/// sample b, column p is the circuit's p-th symbol.
/// </summary>
public sealed class BindingTable
{
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (not copied) as a rows×columns table.</summary>
    /// <param name="rows">Binding rows B, at least 1.</param>
    /// <param name="columns">Symbols P, at least 0; must equal the circuit's symbol count when executed.</param>
    /// <param name="values">B·P finite values, row-major.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> &lt; 1 or <paramref name="columns"/> &lt; 0.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The length is not rows·columns, or a value is NaN or infinite.</exception>
    public BindingTable(int rows, int columns, double[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"A {rows}×{columns} binding table needs {rows * columns} values; got {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Binding row {i / Math.Max(columns, 1)}, column {i % Math.Max(columns, 1)} is not finite ({values[i]}).", nameof(values));
            }
        }

        Rows = rows;
        Columns = columns;
        _values = values;
    }

    /// <summary>Binding rows B (samples), at least 1.</summary>
    public int Rows { get; }

    /// <summary>Symbol columns P; column p binds the circuit's p-th symbol.</summary>
    public int Columns { get; }

    /// <summary>All values, row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The P symbol values of binding row <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Columns, Columns);

    /// <summary>The value of symbol <paramref name="column"/> in binding row <paramref name="row"/>.</summary>
    public double this[int row, int column] => _values[(row * Columns) + column];

    /// <summary>One row binding no symbols: for circuits without free parameters.</summary>
    public static BindingTable Empty(int rows = 1) => new(rows, 0, []);

    /// <summary>A single row.</summary>
    public static BindingTable Single(params double[] values) => new(1, values.Length, values);

    /// <summary>Builds a table from jagged rows of equal length.</summary>
    public static BindingTable FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A binding table needs at least one row.", nameof(rows));
        }

        var columns = rows[0].Length;
        var values = new double[rows.Count * columns];
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new ArgumentException($"Row {r} has {rows[r].Length} values; row 0 has {columns}.", nameof(rows));
            }

            rows[r].CopyTo(values, r * columns);
        }

        return new BindingTable(rows.Count, columns, values);
    }
}
