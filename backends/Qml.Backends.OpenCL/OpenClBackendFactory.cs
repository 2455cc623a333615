using Qml.Abstractions;
using Qml.Abstractions.Execution;
using Qml.Backends.OpenCL.Native;
using Qml.Backends.OpenCL.Platform;
using Qml.Backends.OpenCL.Simulation;

namespace Qml.Backends.OpenCL;

/// <summary>
/// Creates the OpenCL statevector backend (<c>--backend opencl</c>). <see cref="Describe"/> lists
/// every OpenCL device, or says why there is none, and never throws.
/// </summary>
public sealed class OpenClBackendFactory : IBackendFactory
{
    internal const string BackendName = "opencl";

    internal const string DescriptionText = "Statevector simulator on an OpenCL device (GPU, or POCL on the CPU): batched rows on the device, adjoint gradients.";

    private readonly Lazy<OpenClDiscovery> _discovery;

    public OpenClBackendFactory()
        : this(OpenClLibrary.DefaultNames)
    {
    }

    /// <summary>A factory probing other loader names: the seam for testing a machine without OpenCL.</summary>
    internal OpenClBackendFactory(IReadOnlyList<string> libraryNames) =>
        _discovery = new Lazy<OpenClDiscovery>(() => DiscoverSafely(libraryNames));

    public string Name => BackendName;

    public BackendDescriptor Describe()
    {
        try
        {
            var discovery = _discovery.Value;
            if (!discovery.IsAvailable)
            {
                return new BackendDescriptor(BackendName, $"{DescriptionText} Unavailable: {discovery.UnavailableReason}.", OpenClCapabilities.Create(0, Precision.Double))
                {
                    IsAvailable = false,
                    UnavailableReason = discovery.UnavailableReason,
                    Options = OpenClBackendSettings.Documented,
                };
            }

            var device = discovery.Devices[0];
            var precision = device.SupportsDouble ? Precision.Double : Precision.Single;
            var budget = new DeviceBudget(device, precision == Precision.Double, BackendName);
            var devices = string.Join("; ", discovery.Devices);
            return new BackendDescriptor(BackendName, $"{DescriptionText} Devices: {devices}.", OpenClCapabilities.Create(budget.MaxQubits(), precision))
            {
                Options = OpenClBackendSettings.Documented,
            };
        }
        catch (Exception e)
        {
            // Describe feeds `qml backends`; a broken driver must not take the listing down.
            return new BackendDescriptor(BackendName, DescriptionText, OpenClCapabilities.Create(0, Precision.Double))
            {
                IsAvailable = false,
                UnavailableReason = $"describing the OpenCL devices failed: {e.Message}",
                Options = OpenClBackendSettings.Documented,
            };
        }
    }

    public IBackend Create(BackendOptions options)
    {
        var settings = OpenClBackendSettings.Parse(options);
        var discovery = _discovery.Value;
        if (!discovery.IsAvailable)
        {
            throw new BackendException(BackendName, $"OpenCL is unavailable here: {discovery.UnavailableReason}.");
        }

        if (settings.Device >= discovery.Devices.Count)
        {
            throw new QmlException(
                $"Backend option '{OpenClBackendSettings.DeviceKey}={settings.Device}' is invalid: expected a device index in 0..{discovery.Devices.Count - 1}; devices: {string.Join("; ", discovery.Devices)}.");
        }

        var device = discovery.Devices[settings.Device];
        string? warning = null;
        bool doublePrecision;
        switch (settings.Precision)
        {
            case PrecisionChoice.Double when !device.SupportsDouble:
                throw new QmlException(
                    $"Backend option '{OpenClBackendSettings.PrecisionKey}=double' is invalid for device [{device.Index}] '{device.Name}': it lacks cl_khr_fp64; use precision=single or auto.");
            case PrecisionChoice.Single:
                doublePrecision = false;
                break;
            case PrecisionChoice.Auto when !device.SupportsDouble:
                doublePrecision = false;
                warning = $"device '{device.Name}' lacks cl_khr_fp64, so amplitudes are single precision (expect ~1e-6 rather than ~1e-15 agreement with double-precision backends)";
                break;
            default:
                doublePrecision = true;
                break;
        }

        try
        {
            return new OpenClBackend(device, doublePrecision, warning);
        }
        catch (OpenClCallException e)
        {
            throw new BackendException(BackendName, $"device [{device.Index}] '{device.Name}' could not be set up: {e.Message}", e);
        }
    }

    private static OpenClDiscovery DiscoverSafely(IReadOnlyList<string> libraryNames)
    {
        try
        {
            return PlatformDiscovery.Discover(libraryNames);
        }
        catch (Exception e)
        {
            return OpenClDiscovery.Unavailable($"OpenCL discovery failed: {e.Message}");
        }
    }
}
