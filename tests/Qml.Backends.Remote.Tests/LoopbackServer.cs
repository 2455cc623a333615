using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>
/// A <c>qml serve</c> on 127.0.0.1 (ephemeral port unless given) backed by the CPU backend (or a given
/// backend), with a random token and its own state directory, deleted on
/// dispose unless the caller supplied it.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly IBackend? _owned;
    private readonly bool _ownsState;

    private LoopbackServer(IBackend? owned, SamplerServer server, string token, bool ownsState)
    {
        _owned = owned;
        Server = server;
        Token = token;
        _ownsState = ownsState;
    }

    public SamplerServer Server { get; }

    public string Token { get; }

    public Uri Url => Server.Address;

    public static IBackend Cpu() => new CpuBackendFactory().Create(BackendOptions.Parse(["threads=2"]));

    public static async Task<LoopbackServer> StartAsync(ServeOptions? options = null, IBackend? backend = null, string? token = null, int port = 0)
    {
        options ??= new ServeOptions();
        var ownsState = options.StateDirectory is null;
        if (ownsState)
        {
            options = options with { StateDirectory = NewStateDirectory() };
        }

        var owned = backend is null ? Cpu() : null;
        token ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var server = SamplerServer.Create(backend ?? owned!, new IPEndPoint(IPAddress.Loopback, port), token, options);
        await server.StartAsync();
        return new LoopbackServer(owned, server, token, ownsState);
    }

    public static string NewStateDirectory() => Path.Combine(Path.GetTempPath(), "qml-serve-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>A remote backend pointed at this server.</summary>
    public RemoteBackend CreateRemote(params string[] options) =>
        new(RemoteSettings.Parse(BackendOptions.Parse([$"url={Url}", "rate-limit=0", .. options]), Token));

    /// <summary>An HTTP client with the right token (or <paramref name="token"/>, or none when empty).</summary>
    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(20) };
        token ??= Token;
        if (token.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        var state = Server.StateDirectory;
        await Server.DisposeAsync();
        _owned?.Dispose();
        if (_ownsState && Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
