using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// Reads a candidate assembly's metadata (references, assembly attributes) before it is loaded,
/// so version rules are checked before any plugin code can run.
/// </summary>
internal static class PluginAssemblyInspector
{
    private static readonly string AttributeNamespace = typeof(QmlPluginAttribute).Namespace!;
    private static readonly string AttributeName = nameof(QmlPluginAttribute);

    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AssemblyInspection Inspect(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var peReader = new PEReader(stream);
        if (!peReader.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata (a native library, or not a PE file at all).", assemblyPath);
        }

        var metadata = peReader.GetMetadataReader();
        if (!metadata.IsAssembly)
        {
            throw new BadImageFormatException("The file is a .NET module without an assembly manifest.", assemblyPath);
        }

        return new AssemblyInspection(FindContractReference(metadata), HasPluginAttribute(metadata));
    }

    /// <summary>True when the file is a .NET assembly marked with <c>[assembly: QmlPlugin]</c>; false for anything else, native libraries included.</summary>
    public static bool IsMarkedPlugin(string assemblyPath)
    {
        try
        {
            return Inspect(assemblyPath).HasPluginAttribute;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            // Used only to pick a folder's main assembly: a native library beside it is expected.
            return false;
        }
    }

    private static Version? FindContractReference(MetadataReader metadata)
    {
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, SharedAssemblies.ContractAssemblyName, ignoreCase: true))
            {
                return reference.Version;
            }
        }

        return null;
    }

    private static bool HasPluginAttribute(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);

            // The attribute is defined in Qml.Abstractions, so its constructor is a member reference.
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (metadata.StringComparer.Equals(type.Name, AttributeName) &&
                metadata.StringComparer.Equals(type.Namespace, AttributeNamespace))
            {
                return true;
            }
        }

        return false;
    }
}
