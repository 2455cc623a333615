using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Qml.Abstractions.Execution;
using Qml.Backends.Cpu;
using Qml.Host.Serve;

namespace Qml.Backends.Remote.Tests;

/// <summary>A <c>qml serve</c> on 127.0.0.1 (ephemeral port) backed by the CPU backend, with a random token.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly IBackend _cpu;

    private LoopbackServer(IBackend cpu, SamplerServer server, string token)
    {
        _cpu = cpu;
        Server = server;
        Token = token;
    }

    public SamplerServer Server { get; }

    public string Token { get; }

    public Uri Url => Server.Address;

    public static async Task<LoopbackServer> StartAsync(ServeOptions? options = null)
    {
        var cpu = new CpuBackendFactory().Create(BackendOptions.Parse(["threads=2"]));
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var server = SamplerServer.Create(cpu, new IPEndPoint(IPAddress.Loopback, 0), token, options);
        await server.StartAsync();
        return new LoopbackServer(cpu, server, token);
    }

    /// <summary>A remote backend pointed at this server.</summary>
    public RemoteBackend CreateRemote(params string[] options) =>
        new(RemoteSettings.Parse(BackendOptions.Parse([$"url={Url}", .. options]), Token));

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
        await Server.DisposeAsync();
        _cpu.Dispose();
    }
}
