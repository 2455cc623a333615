using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qml.Abstractions.Execution;

namespace Qml.Backends.Remote;

/// <summary>
/// HTTP for the sampler API: bearer token on every request, retries with jittered exponential
/// backoff (or the server's Retry-After) on 429, 5xx, timeouts and refused connections, and
/// the server's message in every error. The token is never part of an error or log line.
/// </summary>
internal sealed class SamplerClient : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly RemoteSettings _settings;

    public SamplerClient(RemoteSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = settings.Url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
    }

    /// <summary>Requests sent, retries included.</summary>
    public int Attempts { get; private set; }

    /// <summary>How the client waits between attempts (tests record the delays instead of sleeping).</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    /// <summary>Submits a job body; retries reuse <paramref name="idempotencyKey"/>, so the job runs once.</summary>
    public async Task<string> SubmitAsync(JsonObject body, string idempotencyKey, CancellationToken cancellationToken)
    {
        var text = body.ToJsonString();
        var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/jobs") { Content = new StringContent(text, Encoding.UTF8, "application/json") };
                request.Headers.Add(IdempotencyHeader, idempotencyKey);
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        return response["id"]?.GetValue<string>() ?? throw Error("the server accepted the job but returned no id.");
    }

    public Task<JsonObject> StatusAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/jobs/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task<JsonObject> ResultsAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/jobs/{Uri.EscapeDataString(id)}/results"), cancellationToken);

    /// <summary>Best effort: asks the server to cancel; never throws.</summary>
    public async Task CancelAsync(string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/jobs/{Uri.EscapeDataString(id)}/cancel");
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Best effort and blocking: asks the server to cancel and waits (at most 3 s) for the answer.
    /// Called from the caller's cancellation callback, so that a Ctrl-C reaches the server
    /// before the process exits (System.CommandLine returns from the invocation at once).
    /// </summary>
    public void CancelNow(string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/jobs/{Uri.EscapeDataString(id)}/cancel");
            using var response = _http.Send(request, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or NotSupportedException or ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonObject> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan? retryAfter = null;
            string failure;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_settings.RequestTimeout);
                using var request = create();
                Attempts++;
                try
                {
                    using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return Parse(text) as JsonObject ?? throw Error($"{request.Method} {request.RequestUri}: the server returned {(int)response.StatusCode} without a JSON object.");
                    }

                    var status = (int)response.StatusCode;
                    failure = $"{request.Method} {request.RequestUri} → {status}: {ServerMessage(text)}";
                    if (status != 429 && status < 500)
                    {
                        throw Error(failure);
                    }

                    retryAfter = response.Headers.RetryAfter switch
                    {
                        { Delta: { } delta } => delta,
                        { Date: { } date } => date - DateTimeOffset.UtcNow,
                        _ => null,
                    };
                }
                catch (HttpRequestException e)
                {
                    failure = $"{request.Method} {request.RequestUri}: {e.Message}";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"{request.Method} {request.RequestUri}: no answer within {_settings.RequestTimeout.TotalSeconds:0} s";
                }
            }

            if (attempt >= _settings.Retries)
            {
                throw Error($"{failure} (gave up after {attempt + 1} attempt(s)).");
            }

            await Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Full jitter: a random delay up to 100 ms × 2^attempt (capped), or the server's Retry-After plus jitter.</summary>
    internal static TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            // The server's Retry-After is honoured in full (no cap), plus jitter so that clients
            // refused together do not return together.
            return TimeSpan.FromMilliseconds(Math.Max(0, after.TotalMilliseconds) + Random.Shared.Next(0, 100));
        }

        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(10 + (Random.Shared.NextDouble() * ceiling));
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The server's message: IBM's <c>errors[0].message</c>, else the body (shortened).</summary>
    internal static string ServerMessage(string body)
    {
        var node = Parse(body);
        if (node?["errors"]?[0]?["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String)
        {
            return message.GetValue<string>();
        }

        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "(empty body)" : trimmed.Length > 500 ? trimmed[..500] + "…" : trimmed;
    }

    private static BackendException Error(string message) => new(RemoteBackendFactory.BackendName, message);
}
