using System.Net;
using System.Text.Json.Nodes;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>Finished job records expire after <see cref="ServeOptions.JobRetention"/>, on a clock the test moves.</summary>
[TestFixture]
public sealed class JobRetentionTests
{
    private const string Bell = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n";

    private static string Body(int shots) =>
        "{\"program_id\":\"sampler\",\"backend\":\"cpu\",\"params\":{\"pubs\":[[" + JsonValue.Create(Bell).ToJsonString()
        + ", null, " + shots.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]]}}";

    [Test]
    public async Task A_finished_job_older_than_the_retention_is_deleted_with_its_record_and_key_and_a_younger_one_stays()
    {
        var clock = new ShiftedClock();
        await using var server = await LoopbackServer.StartAsync(new ServeOptions { JobRetention = TimeSpan.FromDays(1), Clock = clock });
        using var http = server.Http();
        var old = await JobRecordTests.SubmitAsync(http, Body(20), "key-old");
        Assert.That(await ServerProtocolTests.WaitAsync(http, old), Is.EqualTo("Completed"));

        clock.Shift = TimeSpan.FromHours(20);
        Assert.That(server.Server.PruneFinishedJobs(), Is.Zero, "20 h after finishing, a job kept for 1 day stays");

        // A job finishing now (on the real clock) is 20 h younger than the first one.
        var young = await JobRecordTests.SubmitAsync(http, Body(20), "key-young");
        Assert.That(await ServerProtocolTests.WaitAsync(http, young), Is.EqualTo("Completed"));
        clock.Shift = TimeSpan.FromHours(25);
        Assert.That(server.Server.PruneFinishedJobs(), Is.EqualTo(1));

        using (var gone = await http.GetAsync($"api/v1/jobs/{old}"))
        {
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(File.Exists(Path.Combine(server.Server.StateDirectory, old + ".json")), Is.False, "the record is deleted");
        Assert.That(File.Exists(Path.Combine(server.Server.StateDirectory, young + ".json")), Is.True);
        Assert.That(await JobRecordTests.SubmitAsync(http, Body(20), "key-young"), Is.EqualTo(young), "a kept job's key still answers");
        var reused = await JobRecordTests.SubmitAsync(http, Body(20), "key-old");
        Assert.That(reused, Is.Not.EqualTo(old), "an expired key starts a new job");
        Assert.That(await ServerProtocolTests.WaitAsync(http, reused), Is.EqualTo("Completed"));
    }

    [Test]
    public async Task Unfinished_jobs_never_expire_and_forever_keeps_everything()
    {
        var clock = new ShiftedClock();
        using var gated = new GatedBackend();
        await using (var server = await LoopbackServer.StartAsync(new ServeOptions { JobRetention = TimeSpan.FromHours(1), Clock = clock }, backend: gated))
        {
            using var http = server.Http();
            var running = await JobRecordTests.SubmitAsync(http, Body(10), "key-running");
            await gated.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            clock.Shift = TimeSpan.FromDays(30);
            Assert.That(server.Server.PruneFinishedJobs(), Is.Zero, "a running job is never deleted");
            gated.Open();
            Assert.That(await ServerProtocolTests.WaitAsync(http, running), Is.EqualTo("Completed"));
            Assert.That(server.Server.PruneFinishedJobs(), Is.Zero, "it has just finished");
            clock.Shift += TimeSpan.FromHours(2);
            Assert.That(server.Server.PruneFinishedJobs(), Is.EqualTo(1), "two hours after finishing it is past the 1 h retention");
        }

        var keepAll = new ShiftedClock { Shift = TimeSpan.FromDays(3650) };
        await using var forever = await LoopbackServer.StartAsync(new ServeOptions { JobRetention = null, Clock = keepAll });
        using var client = forever.Http();
        var id = await JobRecordTests.SubmitAsync(client, Body(10), "key-forever");
        Assert.That(await ServerProtocolTests.WaitAsync(client, id), Is.EqualTo("Completed"));
        Assert.That(forever.Server.PruneFinishedJobs(), Is.Zero);
    }

    [Test]
    public async Task A_restarted_server_deletes_records_that_expired_while_it_was_down()
    {
        var state = LoopbackServer.NewStateDirectory();
        try
        {
            string id;
            await using (var first = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state }))
            {
                using var http = first.Http();
                id = await JobRecordTests.SubmitAsync(http, Body(10), "key-restart");
                Assert.That(await ServerProtocolTests.WaitAsync(http, id), Is.EqualTo("Completed"));
            }

            Assert.That(JobRecordTests.Records(state), Has.Count.EqualTo(1));
            var later = new ShiftedClock { Shift = TimeSpan.FromDays(8) };
            await using var second = await LoopbackServer.StartAsync(new ServeOptions { StateDirectory = state, Clock = later });
            Assert.That((second.Server.JobCount, JobRecordTests.Records(state).Count), Is.EqualTo((0, 0)), "8 days later the default 7-day retention has deleted it");
            using var again = second.Http();
            using var gone = await again.GetAsync($"api/v1/jobs/{id}");
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The system clock moved forward by <see cref="Shift"/>.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
}
