namespace Qml.Abstractions.Execution;

/// <summary>A dense row-major B×C block of results: one row per binding row.</summary>
public sealed class ResultMatrix<T>
{
    /// <summary>Wraps <paramref name="values"/> (not copied) as a rows×columns block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The length is not rows·columns.</exception>
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

    /// <summary>A zero-filled (default-filled) rows×columns block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative dimension.</exception>
    /// <exception cref="OverflowException">rows·columns is negative or overflows <see cref="int"/>.</exception>
    public ResultMatrix(int rows, int columns)
        : this(rows, columns, new T[checked(rows * columns)])
    {
    }

    /// <summary>Rows: one per binding row.</summary>
    public int Rows { get; }

    /// <summary>Columns: what one row holds depends on the result (e.g. one per observable, or 2^n amplitudes).</summary>
    public int Columns { get; }

    /// <summary>The backing array, row-major; writable so backends fill it in place.</summary>
    public T[] Values { get; }

    /// <summary>The writable values of row <paramref name="row"/>.</summary>
    public Span<T> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>), readable and writable.</summary>
    public T this[int row, int column]
    {
        get => Values[(row * Columns) + column];
        set => Values[(row * Columns) + column] = value;
    }
}
