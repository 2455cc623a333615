using System.Reflection;
using Qml.Abstractions.Plugins;

namespace Qml.Host.Plugins;

/// <summary>
/// Takes one candidate from files to a created module: inspect metadata (version rules, before
/// any plugin code runs), load into its own context, find and create the module, check the
/// manifest. Every failure becomes the handle's status; nothing escapes.
/// </summary>
internal static class PluginActivator
{
    public static PluginActivation Activate(PluginCandidate candidate)
    {
        var handle = new PluginHandle(candidate.Directory, null, null, null, null, PluginStatus.Failed, candidate.Error, [])
        {
            AssemblyPath = candidate.AssemblyPath,
        };

        if (candidate.AssemblyPath is not { } assemblyPath)
        {
            return PluginActivation.Failed(handle, PluginStatus.Failed, candidate.Error ?? $"Plugin folder '{candidate.Directory}' has no plugin assembly.");
        }

        var fileName = Path.GetFileName(assemblyPath);
        AssemblyInspection inspection;
        try
        {
            inspection = PluginAssemblyInspector.Inspect(assemblyPath);
        }
        catch (Exception e)
        {
            return PluginActivation.Failed(handle, PluginStatus.Failed,
                $"Plugin '{candidate.Directory}': '{fileName}' is {PluginErrors.Reason(e)}; a plugin is the build output of a .NET project " +
                "with <IsQmlPlugin>true</IsQmlPlugin>.", e);
        }

        if (inspection.ReferencedContractVersion is not { } referenced)
        {
            return PluginActivation.Failed(handle, PluginStatus.Failed,
                $"Plugin '{candidate.Directory}': '{fileName}' does not reference {SharedAssemblies.ContractAssemblyName}, so it has no plugin module; " +
                $"a plugin references {SharedAssemblies.ContractAssemblyName} {ContractVersion.Major}.x and names its module with " +
                "[assembly: QmlPlugin(typeof(YourModule))].");
        }

        handle = handle with { ContractMajor = referenced.Major, ReferencedContract = referenced };
        if (ContractCompatibility.CheckReference(candidate.Directory, referenced, SharedAssemblies.ContractAssemblyVersion) is { } incompatible)
        {
            return PluginActivation.Failed(handle, PluginStatus.Incompatible, incompatible);
        }

        if (!inspection.HasPluginAttribute)
        {
            return PluginActivation.Failed(handle, PluginStatus.Failed,
                $"Plugin '{candidate.Directory}': '{fileName}' has no [assembly: QmlPlugin(typeof(YourModule))] attribute naming its " +
                $"{nameof(IQmlPluginModule)} type.");
        }

        return LoadModule(handle, assemblyPath);
    }

    private static PluginActivation LoadModule(PluginHandle handle, string assemblyPath)
    {
        // Names the step in the error, so "a dependency could not be loaded" says when.
        var step = "reading its .deps.json";
        try
        {
            var context = new PluginLoadContext(assemblyPath);
            handle = handle with { LoadContext = context };

            step = "loading the assembly";
            var assembly = context.LoadFromAssemblyPath(assemblyPath);

            step = "reading [assembly: QmlPlugin]";
            var moduleType = assembly.GetCustomAttribute<QmlPluginAttribute>()?.ModuleType;
            if (moduleType is null)
            {
                return PluginActivation.Failed(handle, PluginStatus.Failed,
                    $"Plugin '{handle.Path}': [assembly: QmlPlugin] could not be read from '{assemblyPath}'; it must name the module type.");
            }

            if (PluginModuleRules.Problem(moduleType) is { } problem)
            {
                return PluginActivation.Failed(handle, PluginStatus.Failed, $"Plugin '{handle.Path}': {problem}.");
            }

            step = $"creating module '{moduleType.FullName}'";
            var module = (IQmlPluginModule)Activator.CreateInstance(moduleType)!;

            step = "reading the manifest";
            return CheckManifest(handle, module);
        }
        catch (Exception e)
        {
            var cause = PluginErrors.Unwrap(e);
            return PluginActivation.Failed(handle, PluginStatus.Failed,
                $"Plugin '{handle.Path}' failed while {step}: {PluginErrors.Reason(cause)}.", cause);
        }
    }

    private static PluginActivation CheckManifest(PluginHandle handle, IQmlPluginModule module)
    {
        if (module.Manifest is not { } manifest || string.IsNullOrWhiteSpace(manifest.Id) || manifest.Version is null)
        {
            return PluginActivation.Failed(handle, PluginStatus.Failed,
                $"Plugin '{handle.Path}': its module's manifest is missing an id or a version; return e.g. " +
                "new PluginManifest(\"my.plugin\", new Version(1, 0, 0), \"What it adds\").");
        }

        handle = handle with
        {
            Id = manifest.Id,
            Version = manifest.Version,
            Description = manifest.Description,
            ContractMajor = manifest.ContractMajor,
        };

        if (ContractCompatibility.CheckManifest(handle.Path, manifest.ContractMajor) is { } incompatible)
        {
            return PluginActivation.Failed(handle, PluginStatus.Incompatible, incompatible);
        }

        return new PluginActivation(handle with { Status = PluginStatus.Loaded, Error = null }, module);
    }
}
