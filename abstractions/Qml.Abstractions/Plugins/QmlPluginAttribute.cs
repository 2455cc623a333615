namespace Qml.Abstractions.Plugins;

/// <summary>Marks a plugin assembly and names its <see cref="IQmlPluginModule"/> type.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class QmlPluginAttribute(Type moduleType) : Attribute
{
    /// <summary>The plugin's <see cref="IQmlPluginModule"/> implementation; it needs a public parameterless constructor.</summary>
    public Type ModuleType { get; } = moduleType;
}
