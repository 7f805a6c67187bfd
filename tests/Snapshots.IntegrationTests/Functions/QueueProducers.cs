using System.Reflection;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>
/// Finds the library code that names a queue: QueueNames constants are compiled into their users as
/// string literals (ldstr), so a producer shows up as a method body loading the queue's name.
/// </summary>
internal static class QueueProducers
{
    private const byte Ldstr = 0x72;
    private const int StringTokenTable = 0x70;

    /// <summary>Types (outermost, so async state machines count for their handler) whose code loads <paramref name="queue"/>.</summary>
    public static IReadOnlySet<Type> TypesNaming(Assembly assembly, string queue)
    {
        var found = new HashSet<Type>();
        foreach (var type in assembly.GetTypes())
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var bodies = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
            if (bodies.Any(m => Loads(m, queue))) found.Add(Outermost(type));
        }
        return found;
    }

    private static bool Loads(MethodBase method, string text)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return false;
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != Ldstr || il[i + 4] != StringTokenTable) continue;
            var token = BitConverter.ToInt32(il, i + 1);
            try
            {
                if (method.Module.ResolveString(token) == text) return true;
            }
            catch (ArgumentException)
            {
                // not an ldstr operand after all: a byte of some other instruction
            }
        }
        return false;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}
