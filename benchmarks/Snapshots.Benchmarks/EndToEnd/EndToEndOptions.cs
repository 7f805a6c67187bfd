using System.Globalization;
using Snapshots.Benchmarks.Corpus;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>Arguments of <c>e2e</c>: <c>--documents N</c> (default 100), <c>--concurrency C</c> (default: the library's Capture:Concurrency), <c>--seed S</c>, <c>--output FILE</c>.</summary>
public sealed record EndToEndOptions(int Documents, int? Concurrency, int Seed, string? Output)
{
    public static EndToEndOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new EndToEndOptions(100, null, PolicyCorpus.DefaultSeed, null);
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value");
            options = arguments[i] switch
            {
                "--documents" or "-n" => options with { Documents = PositiveInt(Value(), "--documents") },
                "--concurrency" or "-c" => options with { Concurrency = PositiveInt(Value(), "--concurrency") },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--output" or "-o" => options with { Output = Value() },
                var unknown => throw new ArgumentException($"unknown option {unknown}: use --documents N, --concurrency C, --seed S, --output FILE"),
            };
        }
        return options;
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} must be a positive whole number, not \"{text}\"");
}
