using Qml.Abstractions.Execution;

namespace Qml.Backends.OpenCL;

/// <summary>Requested amplitude precision.</summary>
internal enum PrecisionChoice
{
    /// <summary>Double where the device has cl_khr_fp64, else single with a warning.</summary>
    Auto,
    Double,
    Single,
}

/// <summary>The OpenCL backend's options, parsed and validated.</summary>
/// <param name="Device">Index into the discovered device list (every platform's devices, in order).</param>
/// <param name="Precision">Requested precision.</param>
internal sealed record OpenClBackendSettings(int Device, PrecisionChoice Precision)
{
    public const string DeviceKey = "device";

    public const string PrecisionKey = "precision";

    /// <summary>Accepted so `qml bench`, which passes threads=N to every backend, runs here too.</summary>
    public const string ThreadsKey = "threads";

    public static IReadOnlyList<BackendOptionInfo> Documented { get; } =
    [
        new(DeviceKey, "Index of the OpenCL device to run on, as listed by `qml backends` (every platform's devices, in order).", "0"),
        new(
            PrecisionKey,
            "Amplitude precision: auto (double when the device has cl_khr_fp64, else single with a warning), double (refused on devices without fp64) or single.",
            "auto"),
        new(ThreadsKey, "Accepted for compatibility with `qml bench` and ignored: the OpenCL device schedules its own work-items.", "ignored"),
    ];

    public static OpenClBackendSettings Parse(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RequireKnown(OpenClBackendFactory.BackendName, Documented);

        // Validated although ignored, so a typo such as threads=x still gets an error.
        options.GetInt(ThreadsKey, 1, 1, int.MaxValue);
        var precision = options.GetChoice(PrecisionKey, "auto", "auto", "double", "single");
        return new OpenClBackendSettings(
            options.GetInt(DeviceKey, 0, 0, 1023),
            Enum.Parse<PrecisionChoice>(precision, ignoreCase: true));
    }
}
