using System.Collections.Concurrent;
using System.Globalization;
using Qml.Abstractions;

namespace Qml.Backends.Remote;

/// <summary>A job rate: <see cref="Jobs"/> per <see cref="Per"/>; zero jobs means unlimited.</summary>
internal readonly record struct JobRate(int Jobs, TimeSpan Per)
{
    public static JobRate Unlimited { get; } = new(0, TimeSpan.FromMinutes(1));

    public bool IsUnlimited => Jobs == 0;

    /// <summary>Reads <c>N/min</c>, <c>N/s</c>, <c>N/h</c>, a bare N (per minute), or <c>0</c>/<c>none</c> for no limit.</summary>
    public static JobRate Parse(string text, string option)
    {
        var trimmed = text.Trim();
        if (trimmed is "0" or "none" or "unlimited")
        {
            return Unlimited;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var count = slash < 0 ? trimmed : trimmed[..slash];
        TimeSpan? per = slash < 0 ? TimeSpan.FromMinutes(1) : trimmed[(slash + 1)..].Trim() switch
        {
            "s" or "sec" or "second" => TimeSpan.FromSeconds(1),
            "min" or "m" or "minute" => TimeSpan.FromMinutes(1),
            "h" or "hour" => TimeSpan.FromHours(1),
            _ => null,
        };
        if (per is null || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) || jobs is < 1 or > 1_000_000)
        {
            throw new QmlException($"backend 'remote': {option} '{text}' is not a rate; use N/min, N/s or N/h with N in 1..1000000, or 0 for no limit.");
        }

        return new JobRate(jobs, per.Value);
    }

    public override string ToString() => IsUnlimited ? "unlimited" : $"{Jobs}/{(Per == TimeSpan.FromSeconds(1) ? "s" : Per == TimeSpan.FromHours(1) ? "h" : "min")}";
}

/// <summary>
/// A token bucket of <see cref="JobRate.Jobs"/> tokens refilled evenly over
/// <see cref="JobRate.Per"/>: a burst of N jobs, then one every Per/N. Callers reserve a token
/// and wait until it is due (reservations may run ahead of the refill), so waiting callers are
/// served in order; a caller that gives up returns its token.
/// </summary>
internal sealed class TokenBucket
{
    private static readonly ConcurrentDictionary<string, TokenBucket> Shared = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private readonly double _perToken;
    private double _tokens;
    private long _last;

    public TokenBucket(JobRate rate, TimeProvider? time = null)
    {
        if (rate.IsUnlimited)
        {
            throw new ArgumentException("An unlimited rate needs no bucket.", nameof(rate));
        }

        Rate = rate;
        _time = time ?? TimeProvider.System;
        _capacity = rate.Jobs;
        _perToken = rate.Per.TotalSeconds / rate.Jobs;
        _tokens = _capacity;
        _last = _time.GetTimestamp();
    }

    public JobRate Rate { get; }

    /// <summary>
    /// The bucket every backend instance in this process shares for <paramref name="host"/>
    /// (scheme://host:port) and <paramref name="rate"/>; null when the rate is unlimited.
    /// </summary>
    public static TokenBucket? For(Uri host, JobRate rate) =>
        rate.IsUnlimited ? null : Shared.GetOrAdd($"{host.GetLeftPart(UriPartial.Authority)}|{rate}", _ => new TokenBucket(rate));

    /// <summary>Takes a token and returns how long to wait before using it (zero when one was available).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens * _perToken);
        }
    }

    /// <summary>Gives back a reserved token that was not used.</summary>
    public void Return()
    {
        lock (_gate)
        {
            Refill();
            _tokens = Math.Min(_capacity, _tokens + 1);
        }
    }

    /// <summary>Waits for a token; a cancelled wait returns it.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Return();
            throw;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
        _last = now;
        _tokens = Math.Min(_capacity, _tokens + (elapsed / _perToken));
    }
}
