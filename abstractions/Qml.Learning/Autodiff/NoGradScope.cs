namespace Qml.Learning.Autodiff;

/// <summary>
/// While alive, ops record nothing (evaluation, optimizer updates, backward itself).
/// The flag flows with the logical call (AsyncLocal), so awaits inside the scope keep it.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    private static readonly AsyncLocal<bool> Disabled = new();
    private readonly bool _previous;
    private bool _disposed;

    /// <summary>Turns graph recording off for the current logical call until <see cref="Dispose"/>; scopes nest.</summary>
    public NoGradScope()
    {
        _previous = Disabled.Value;
        Disabled.Value = true;
    }

    /// <summary>Whether ops currently record the graph.</summary>
    public static bool IsGradEnabled => !Disabled.Value;

    /// <summary>Restores the recording state from before this scope; a second call does nothing.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Disabled.Value = _previous;
            _disposed = true;
        }
    }
}
