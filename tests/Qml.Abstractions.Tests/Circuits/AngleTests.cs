using Qml.Abstractions.Circuits;

namespace Qml.Abstractions.Tests.Circuits;

public sealed class AngleTests
{
    [Test]
    public void ArithmeticStaysAffineAndMergesTerms()
    {
        var x = Angle.FromSymbol(0);
        var w = Angle.FromSymbol(2);

        var angle = (2 * x) - (w / 2) + 0.25 + x;

        Assert.That(angle.Constant, Is.EqualTo(0.25));
        Assert.That(angle.Terms.ToArray(), Is.EqualTo(new[] { new AngleTerm(0, 3), new AngleTerm(2, -0.5) }));
        Assert.That(angle.Evaluate([1.0, 99.0, 4.0]), Is.EqualTo(3 - 2 + 0.25));
    }

    [Test]
    public void CancelledTermsDisappearSoEqualExpressionsCompareEqual()
    {
        var x = Angle.FromSymbol(1);

        Assert.That((x + 0.5) - x, Is.EqualTo((Angle)0.5));
        Assert.That(((x + 0.5) - x).IsConstant, Is.True);
    }

    [Test]
    public void FormatUsesSymbolNames()
    {
        Symbol[] symbols = [new("x", SymbolRole.Input), new("w", SymbolRole.Weight)];
        var angle = (2 * Angle.FromSymbol(0)) - Angle.FromSymbol(1) + 0.5;

        Assert.That(angle.Format(symbols), Is.EqualTo("2*x - w + 0.5"));
    }
}
