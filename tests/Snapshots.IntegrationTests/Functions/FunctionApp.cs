using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>The function methods of src/Snapshots.Functions, read by reflection as the Worker SDK's generator reads them.</summary>
internal static class FunctionApp
{
    public static readonly Assembly Assembly = typeof(Snapshots.Functions.CaptureDocument).Assembly;

    public sealed record Function(string Name, MethodInfo Method, ParameterInfo? TriggerParameter, TriggerBindingAttribute? Trigger);

    public static IReadOnlyList<Function> All { get; } = Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
        .Where(x => x.Attribute is not null)
        .Select(x =>
        {
            var parameter = x.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<TriggerBindingAttribute>() is not null);
            return new Function(x.Attribute!.Name, x.Method, parameter, parameter?.GetCustomAttribute<TriggerBindingAttribute>());
        })
        .ToList();

    public static IEnumerable<(Function Function, QueueTriggerAttribute Trigger)> QueueTriggered =>
        All.Where(f => f.Trigger is QueueTriggerAttribute).Select(f => (f, (QueueTriggerAttribute)f.Trigger!));

    public static IEnumerable<(Function Function, TimerTriggerAttribute Trigger)> TimerTriggered =>
        All.Where(f => f.Trigger is TimerTriggerAttribute).Select(f => (f, (TimerTriggerAttribute)f.Trigger!));

    /// <summary>The library handler a function class is built around (its constructor's handler parameter).</summary>
    public static Type HandlerOf(Function function) => function.Method.DeclaringType!.GetConstructors().Single()
        .GetParameters().Select(p => p.ParameterType).Single(t => t.Namespace == "Snapshots.Pipeline" && t.Name.EndsWith("Handler", StringComparison.Ordinal));

    public static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Snapshots.sln"))) return Path.Combine(dir.FullName, name);
        throw new InvalidOperationException("tests must run inside the repository");
    }
}
