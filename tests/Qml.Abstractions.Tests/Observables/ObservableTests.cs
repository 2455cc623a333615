using Qml.Abstractions.Observables;

namespace Qml.Abstractions.Tests.Observables;

public sealed class ObservableTests
{
    [Test]
    public void IndexedAndLabelFormsParseToTheSameString()
    {
        Assert.That(PauliString.Parse("Z0 X2"), Is.EqualTo(PauliString.Parse("XIZ")));
        Assert.That(PauliString.Parse("X2*Z0").ToString(), Is.EqualTo("Z0 X2"));
    }

    [Test]
    public void SumsParseWithSignsCoefficientsAndConstants()
    {
        var observable = Observable.Parse("0.5*Z0 Z1 - 2e-1*X2 + Y1 - 3");

        Assert.That(observable.Terms.Select(t => t.Coefficient), Is.EqualTo(new[] { 0.5, -0.2, 1.0, -3.0 }));
        Assert.That(observable.Terms[3].Pauli.IsIdentity, Is.True);
        Assert.That(observable.MaxQubit, Is.EqualTo(2));
    }

    [TestCase("Q0", "Bad Pauli letter 'Q'")]
    [TestCase("Z0 +", "ends without a term")]
    [TestCase("Z0 + + X1", "sign without a term")]
    [TestCase("Zx", "expected a letter")]
    public void MalformedObservablesNameTheProblem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Observable.Parse(text));

        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void RepeatedQubitInAPauliStringIsRejected()
    {
        Assert.Throws<ArgumentException>(() => PauliString.Parse("Z0 X0"));
    }
}
