namespace Qml.Abstractions.Plugins;

/// <summary>Marks a plugin assembly and names its <see cref="IQmlPluginModule"/> type.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class QmlPluginAttribute(Type moduleType) : Attribute
{
    public Type ModuleType { get; } = moduleType;
}
