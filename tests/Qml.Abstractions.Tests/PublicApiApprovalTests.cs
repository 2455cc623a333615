namespace Qml.Abstractions.Tests;

/// <summary>The version rule on synthetic surfaces: what a real change to the SDK would meet.</summary>
public sealed class PublicApiApprovalTests
{
    private static readonly string[] V1 = ["type Acme.Widget : sealed class", "  Acme.Widget.Spin() -> System.Void"];

    private static string Approved(string version, params string[] members) =>
        PublicApiApproval.Render("Acme", Version.Parse(version), members, []);

    [Test]
    public void AnUnchangedSurfaceIsApproved()
    {
        var verdict = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), V1, Approved("1.1", V1));

        Assert.That(verdict.Approved, Is.True, verdict.Message);
    }

    [Test]
    public void ARemovedMemberWithoutAMajorBumpIsBreakingAndNamesTheMember()
    {
        var verdict = PublicApiApproval.Check("Acme", new Version(1, 2, 0, 0), [V1[0]], Approved("1.1", V1));

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Approved, Is.False);
            Assert.That(verdict.Message, Does.Contain("Breaking change without a major bump")
                .And.Contain("Acme.Widget.Spin()")
                .And.Contain("2.0.0"));
            Assert.That(verdict.Received, Does.Contain("REMOVED Acme.Widget.Spin() -> System.Void"));
        });
    }

    [Test]
    public void ACopiedReceivedFileCannotApproveABreakingChange()
    {
        var first = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), [V1[0]], Approved("1.1", V1));

        var second = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), [V1[0]], first.Received);

        Assert.That(second.Approved, Is.False);
        Assert.That(second.Message, Does.Contain("REMOVED lines").And.Contain("2.0.0"));
    }

    [Test]
    public void AChangedSignatureCountsAsRemoved()
    {
        string[] changed = [V1[0], "  Acme.Widget.Spin(System.Int32 times) -> System.Void"];

        var verdict = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), changed, Approved("1.1", V1));

        Assert.That(verdict.Message, Does.Contain("removed or changed").And.Contain("Acme.Widget.Spin() -> System.Void"));
    }

    [Test]
    public void ANewMajorMayRemoveMembersOnceItsSurfaceIsApproved()
    {
        var bumped = PublicApiApproval.Check("Acme", new Version(2, 0, 0, 0), [V1[0]], Approved("1.1", V1));
        var reapproved = PublicApiApproval.Check("Acme", new Version(2, 0, 0, 0), [V1[0]], bumped.Received);

        Assert.Multiple(() =>
        {
            Assert.That(bumped.Approved, Is.False, "a new major is still a decision to approve");
            Assert.That(bumped.Message, Does.Contain("from contract 1.x to 2.x"));
            Assert.That(bumped.Received, Does.Not.Contain("REMOVED").And.Contain("# contract 2.0"));
            Assert.That(reapproved.Approved, Is.True, reapproved.Message);
        });
    }

    [Test]
    public void AnAdditionIsCompatibleButMustBeApproved()
    {
        string[] grown = [.. V1, "  Acme.Widget.Stop() -> System.Void"];

        var verdict = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), grown, Approved("1.1", V1));
        var again = PublicApiApproval.Check("Acme", new Version(1, 1, 0, 0), grown, verdict.Received);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Approved, Is.False);
            Assert.That(verdict.Message, Does.Contain("grew by 1").And.Contain("Acme.Widget.Stop()"));
            Assert.That(again.Approved, Is.True, again.Message);
        });
    }

    [Test]
    public void AnOlderMajorThanApprovedIsRefused()
    {
        var verdict = PublicApiApproval.Check("Acme", new Version(1, 0, 0, 0), V1, Approved("2.0", V1));

        Assert.That(verdict.Message, Does.Contain("never goes down"));
    }
}
