using System.Globalization;
using Snapshots.Benchmarks.Corpus;

namespace Snapshots.Benchmarks.Peer;

/// <summary>Arguments of <c>peer</c>: <c>--documents N</c> (default 760), <c>--seed S</c>, <c>--output FILE</c>,
/// <c>--trace FILE</c> (the first snapshots cycle runs under <c>dotnet-trace</c>, sampled thread time, written to FILE),
/// <c>--cli FILE</c> (the CLI to run: a Snapshots.Cli.dll, run with dotnet exec, or an executable; peer.sh gives the one <c>./snapshots</c> publishes; default: this program's copy of the dll).</summary>
public sealed record PeerOptions(int Documents, int Seed, string? Output, string? Trace = null, string? Cli = null)
{
    public static PeerOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new PeerOptions(760, PolicyCorpus.DefaultSeed, null);
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value");
            options = arguments[i] switch
            {
                "--documents" or "-n" => options with { Documents = PositiveInt(Value(), "--documents") },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--output" or "-o" => options with { Output = Value() },
                "--trace" => options with { Trace = Path.GetFullPath(Value()) },
                "--cli" => options with { Cli = Path.GetFullPath(Value()) },
                var unknown => throw new ArgumentException($"unknown option {unknown}: use --documents N, --seed S, --output FILE, --trace FILE, --cli FILE"),
            };
        }
        return options;
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} must be a positive whole number, not \"{text}\"");
}
