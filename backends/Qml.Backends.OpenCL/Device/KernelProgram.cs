using System.Globalization;
using System.Text;
using Qml.Backends.OpenCL.Native;

namespace Qml.Backends.OpenCL.Device;

/// <summary>
/// The OpenCL C program: the embedded <c>Kernels/*.cl</c> sources, concatenated in name order and
/// built once per backend instance for its device and precision. A failed build throws with the
/// compiler's log, which is the only place the reason is written.
/// </summary>
internal static unsafe class KernelProgram
{
    private const string ResourcePrefix = "Qml.Backends.OpenCL.Kernels.";

    /// <summary>The concatenated OpenCL C source.</summary>
    public static string Source { get; } = LoadSource();

    /// <summary>Compiler options for a precision and reduction work-group size.</summary>
    public static string Options(bool doublePrecision, int groupSize) =>
        string.Create(CultureInfo.InvariantCulture, $"-cl-std=CL1.2 -D QML_GROUP={groupSize}{(doublePrecision ? " -D QML_DOUBLE" : string.Empty)}");

    public static ClProgramHandle Build(ClContextHandle context, nint device, string options, string deviceName)
    {
        var source = Encoding.UTF8.GetBytes(Source);
        ClProgramHandle program;
        int status;
        fixed (byte* text = source)
        {
            var strings = text;
            var length = (nuint)source.Length;
            program = ClNative.clCreateProgramWithSource(context, 1, &strings, &length, out status);
        }

        ClStatus.Check(status, "clCreateProgramWithSource");
        var optionBytes = Encoding.ASCII.GetBytes(options + "\0");
        fixed (byte* optionText = optionBytes)
        {
            status = ClNative.clBuildProgram(program, 1, &device, optionText, 0, 0);
        }

        if (status != ClStatus.Success)
        {
            var log = BuildLog(program, device);
            program.Dispose();
            throw new OpenClCallException(
                "clBuildProgram",
                status,
                $"the kernels did not build for device '{deviceName}' with options \"{options}\". Build log:\n{log}");
        }

        return program;
    }

    private static string BuildLog(ClProgramHandle program, nint device)
    {
        nuint length;
        if (ClNative.clGetProgramBuildInfo(program, device, ClConstants.ProgramBuildLog, 0, null, &length) != ClStatus.Success || length == 0)
        {
            return "(no build log)";
        }

        var bytes = new byte[(int)length];
        fixed (byte* pointer = bytes)
        {
            if (ClNative.clGetProgramBuildInfo(program, device, ClConstants.ProgramBuildLog, length, pointer, null) != ClStatus.Success)
            {
                return "(the build log could not be read)";
            }
        }

        return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Trim();
    }

    private static string LoadSource()
    {
        var assembly = typeof(KernelProgram).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".cl", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            throw new InvalidOperationException($"No OpenCL sources are embedded in {assembly.GetName().Name} (expected resources {ResourcePrefix}*.cl).");
        }

        var text = new StringBuilder();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text.Append("// ").AppendLine(name[ResourcePrefix.Length..]);
            text.AppendLine(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
