namespace Qml.Abstractions.Execution;

/// <summary>A dense row-major B×C block of results: one row per binding row.</summary>
public sealed class ResultMatrix<T>
{
    public ResultMatrix(int rows, int columns, T[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if ((long)rows * columns != values.Length)
        {
            throw new ArgumentException($"A {rows}×{columns} result needs {(long)rows * columns} values; got {values.Length}.", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        Values = values;
    }

    public ResultMatrix(int rows, int columns)
        : this(rows, columns, new T[checked(rows * columns)])
    {
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The backing array, row-major; writable so backends fill it in place.</summary>
    public T[] Values { get; }

    public Span<T> Row(int row) => Values.AsSpan(row * Columns, Columns);

    public T this[int row, int column]
    {
        get => Values[(row * Columns) + column];
        set => Values[(row * Columns) + column] = value;
    }
}
