using System.Reflection;

namespace Qml.Host.Plugins;

/// <summary>Turns what went wrong inside a plugin into a reason a user can act on.</summary>
internal static class PluginErrors
{
    /// <summary>Strips reflection's wrappers, so the reason is the plugin's own exception.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception;
    }

    public static string Reason(Exception exception) => Unwrap(exception) switch
    {
        BadImageFormatException e => $"not a loadable .NET assembly ({OneLine(e)})",
        FileNotFoundException or FileLoadException => $"a dependency could not be loaded ({OneLine(Unwrap(exception))}); " +
            "the plugin folder must hold its private dependencies as listed in its .deps.json",
        ReflectionTypeLoadException e => "types could not be loaded: " +
            string.Join("; ", e.LoaderExceptions.OfType<Exception>().Select(OneLine).Distinct()),
        DllNotFoundException e => $"a native library could not be loaded ({OneLine(e)}); the plugin folder must hold it " +
            "as a native asset listed in its .deps.json",
        TypeLoadException e => $"a type could not be loaded ({OneLine(e)})",
        TypeInitializationException { InnerException: { } inner } e => $"{OneLine(e)} {Reason(inner)}",
        var e => $"{e.GetType().Name}: {OneLine(e)}",
    };

    /// <summary>The exception and every cause below it (inner exceptions, a type load's loader exceptions), each "Type: message".</summary>
    public static IReadOnlyList<string> Chain(Exception? exception)
    {
        var chain = new List<string>();
        var pending = new Queue<Exception>();
        if (exception is not null)
        {
            pending.Enqueue(exception);
        }

        while (pending.Count > 0 && chain.Count < 20)
        {
            var current = pending.Dequeue();
            chain.Add($"{current.GetType().FullName}: {OneLine(current)}");
            if (current is ReflectionTypeLoadException typeLoad)
            {
                foreach (var loader in typeLoad.LoaderExceptions.OfType<Exception>())
                {
                    pending.Enqueue(loader);
                }
            }

            if (current.InnerException is { } inner)
            {
                pending.Enqueue(inner);
            }
        }

        return chain;
    }

    /// <summary>The assembly a load failure could not find (the runtime's FileName), if that is what went wrong.</summary>
    public static string? MissingDependency(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case FileNotFoundException { FileName: { } file }:
                    return file;
                case FileLoadException { FileName: { } file }:
                    return file;
                case ReflectionTypeLoadException typeLoad when typeLoad.LoaderExceptions.Select(MissingDependency).FirstOrDefault(f => f is not null) is { } file:
                    return file;
            }
        }

        return null;
    }

    /// <summary>The message on one line: the runtime's loader messages end in a line break, and handles are printed in tables.</summary>
    private static string OneLine(Exception exception) =>
        string.Join(' ', exception.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
