using System.Reflection;
using System.Runtime.CompilerServices;

namespace Qml.Abstractions.Tests;

/// <summary>
/// One line per exported type and public member of an assembly, sorted, so two versions of the
/// surface can be compared line by line (a changed signature is one removed and one added line).
/// </summary>
internal static class PublicApiSurface
{
    public static IReadOnlyList<string> Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"type {Name(type)} : {Kind(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (member is MethodInfo { IsSpecialName: true } method && !method.Name.StartsWith("op_", StringComparison.Ordinal))
                {
                    continue;
                }

                if (member.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
                {
                    continue;
                }

                lines.Add($"  {Name(type)}.{Signature(member)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSealed && type.IsAbstract ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Signature(MemberInfo member) => member switch
    {
        ConstructorInfo c => $".ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{m.Name}({Parameters(m.GetParameters())}) -> {Name(m.ReturnType)}{(m.IsStatic ? " static" : string.Empty)}",
        PropertyInfo p => $"{p.Name} : {Name(p.PropertyType)} {{{(p.GetMethod?.IsPublic == true ? " get;" : string.Empty)}{(p.SetMethod?.IsPublic == true ? " set;" : string.Empty)} }}",
        FieldInfo f => $"{f.Name} : {Name(f.FieldType)}{ConstantValue(f)}",
        EventInfo e => $"event {e.Name} : {Name(e.EventHandlerType!)}",
        Type t => $"nested {Name(t)}",
        _ => member.Name,
    };

    /// <summary>
    /// A constant's value is part of the contract (callers compile it in), except the contract
    /// version's own: the approved file records that version in its header instead, so raising
    /// the minor is not mistaken for a changed member.
    /// </summary>
    private static string ConstantValue(FieldInfo field) =>
        !field.IsLiteral || field.DeclaringType?.FullName == "Qml.Abstractions.Plugins.ContractVersion"
            ? string.Empty
            : $" = {field.GetRawConstantValue()}";

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{type.Namespace}.{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return type.IsGenericParameter ? type.Name : $"{type.Namespace}.{type.Name}";
    }
}
