using System.Numerics.Tensors;

namespace Qml.Learning.Tensors;

/// <summary>An elementwise binary operation over spans, with the scalar-broadcast forms the broadcaster needs.</summary>
internal interface IBinaryKernel
{
    static abstract void Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination);

    static abstract void ApplyRightScalar(ReadOnlySpan<double> x, double y, Span<double> destination);

    static abstract void ApplyLeftScalar(double x, ReadOnlySpan<double> y, Span<double> destination);
}

internal readonly struct AddKernel : IBinaryKernel
{
    public static void Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Add(x, y, destination);

    public static void ApplyRightScalar(ReadOnlySpan<double> x, double y, Span<double> destination) => TensorPrimitives.Add(x, y, destination);

    public static void ApplyLeftScalar(double x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Add(y, x, destination);
}

internal readonly struct SubKernel : IBinaryKernel
{
    public static void Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Subtract(x, y, destination);

    public static void ApplyRightScalar(ReadOnlySpan<double> x, double y, Span<double> destination) => TensorPrimitives.Subtract(x, y, destination);

    public static void ApplyLeftScalar(double x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Subtract(x, y, destination);
}

internal readonly struct MulKernel : IBinaryKernel
{
    public static void Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Multiply(x, y, destination);

    public static void ApplyRightScalar(ReadOnlySpan<double> x, double y, Span<double> destination) => TensorPrimitives.Multiply(x, y, destination);

    public static void ApplyLeftScalar(double x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Multiply(y, x, destination);
}

internal readonly struct DivKernel : IBinaryKernel
{
    public static void Apply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Divide(x, y, destination);

    public static void ApplyRightScalar(ReadOnlySpan<double> x, double y, Span<double> destination) => TensorPrimitives.Divide(x, y, destination);

    public static void ApplyLeftScalar(double x, ReadOnlySpan<double> y, Span<double> destination) => TensorPrimitives.Divide(x, y, destination);
}
