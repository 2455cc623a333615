using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Qml.Abstractions.Circuits;

namespace Qml.Abstractions.Tests;

/// <summary>
/// Tracks the public surface of the contract assembly: any change to it fails this test until
/// PublicApi.approved.txt is updated, so a breaking change is a visible decision (and a new
/// contract major, see ContractVersion).
/// </summary>
public sealed class PublicApiTests
{
    [Test]
    public void PublicApiMatchesTheApprovedList()
    {
        var actual = Describe(typeof(Circuit).Assembly);
        var approvedPath = Path.Combine(SourceDirectory(), "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (actual != approved)
        {
            var receivedPath = Path.Combine(SourceDirectory(), "PublicApi.received.txt");
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"The public API of Qml.Abstractions changed. Review the difference between {approvedPath} and {receivedPath}; "
                + "if it is intended, copy the received file over the approved one (and raise ContractVersion.Major for a breaking change).");
        }
    }

    private static string Describe(Assembly assembly)
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
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSealed && type.IsAbstract ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Signature(MemberInfo member) => member switch
    {
        ConstructorInfo c => $".ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{m.Name}({Parameters(m.GetParameters())}) -> {Name(m.ReturnType)}{(m.IsStatic ? " static" : string.Empty)}",
        PropertyInfo p => $"{p.Name} : {Name(p.PropertyType)} {{{(p.GetMethod?.IsPublic == true ? " get;" : string.Empty)}{(p.SetMethod?.IsPublic == true ? " set;" : string.Empty)} }}",
        FieldInfo f => $"{f.Name} : {Name(f.FieldType)}{(f.IsLiteral ? $" = {f.GetRawConstantValue()}" : string.Empty)}",
        EventInfo e => $"event {e.Name} : {Name(e.EventHandlerType!)}",
        Type t => $"nested {Name(t)}",
        _ => member.Name,
    };

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

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
