using System.Reflection;
using System.Text.Json;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>
/// The functions of src/Snapshots.Functions as the Functions host sees them: the <c>functions.metadata</c> file that the
/// Worker SDK's build writes next to the app, matched to the classes its entry points name.
/// </summary>
internal static class FunctionApp
{
    public static readonly Assembly Assembly = typeof(Snapshots.Functions.CaptureDocument).Assembly;

    public sealed record Binding(string Name, string Type, string Direction, JsonElement Json)
    {
        public string? Property(string name) =>
            Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    public sealed record Function(string Name, string EntryPoint, string ScriptFile, IReadOnlyList<Binding> Bindings, JsonElement Json)
    {
        public Binding Trigger => Bindings.Single(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal));

        /// <summary>The class that holds the entry point (<c>Snapshots.Functions.X.Run</c>).</summary>
        public Type Class => Assembly.GetType(EntryPoint[..EntryPoint.LastIndexOf('.')], throwOnError: true)!;

        public MethodInfo Method => Class.GetMethod(EntryPoint[(EntryPoint.LastIndexOf('.') + 1)..])!;
    }

    /// <summary>The generated metadata file of the build these tests run against.</summary>
    public static string MetadataFile { get; } = FindMetadata();

    public static IReadOnlyList<Function> All { get; } = Read(MetadataFile);

    public static IEnumerable<(Function Function, string QueueName)> QueueTriggered =>
        All.Where(f => f.Trigger.Type == "queueTrigger").Select(f => (f, f.Trigger.Property("queueName")!));

    public static IEnumerable<(Function Function, string Schedule)> TimerTriggered =>
        All.Where(f => f.Trigger.Type == "timerTrigger").Select(f => (f, f.Trigger.Property("schedule")!));

    /// <summary>The library handler a function class is built around (its constructor's handler parameter).</summary>
    public static Type HandlerOf(Function function) => function.Class.GetConstructors().Single()
        .GetParameters().Select(p => p.ParameterType).Single(t => t.Namespace == "Snapshots.Pipeline" && t.Name.EndsWith("Handler", StringComparison.Ordinal));

    public static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Snapshots.sln"))) return Path.Combine(dir.FullName, name);
        throw new InvalidOperationException("tests must run inside the repository");
    }

    private static IReadOnlyList<Function> Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.EnumerateArray().Select(f => new Function(
                f.GetProperty("name").GetString()!,
                f.GetProperty("entryPoint").GetString()!,
                f.GetProperty("scriptFile").GetString()!,
                f.GetProperty("bindings").EnumerateArray().Select(b => new Binding(
                    b.GetProperty("name").GetString()!,
                    b.GetProperty("type").GetString()!,
                    b.GetProperty("direction").GetString()!,
                    b.Clone())).ToList(),
                f.Clone()))
            .ToList();
    }

    /// <summary>
    /// <c>src/Snapshots.Functions/bin/{Configuration}/{TargetFramework}/functions.metadata</c>, with the configuration and
    /// framework of this test assembly's own output folder (the app is built as a project reference of these tests).
    /// </summary>
    private static string FindMetadata()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var file = RepositoryFile(Path.Combine("src", "Snapshots.Functions", "bin", configuration, framework, "functions.metadata"));
        if (!File.Exists(file))
            throw new FileNotFoundException($"{file} is missing: the Worker SDK writes it when src/Snapshots.Functions builds.", file);
        return file;
    }
}
