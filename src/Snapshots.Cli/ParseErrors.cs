using System.CommandLine;
using System.CommandLine.Parsing;
using Snapshots.Text;
using Spectre.Console;

namespace Snapshots.Cli;

/// <summary>
/// A command line that does not parse: each error, "Did you mean …" for a mistyped command or option (the closest names of
/// the command it was typed under, <see cref="NameSuggestions"/>), the commands a command takes when none was given, and
/// where the help is; all on standard error, exit code 2.
/// </summary>
internal static class ParseErrors
{
    public static int Report(ParseResult parse, CliEnvironment environment)
    {
        var console = environment.Errors;
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        // A mistyped command also leaves its parent "without a command": the word not understood says more, so only it is said.
        var unmatched = parse.UnmatchedTokens;
        var said = parse.Errors.Where(e => unmatched.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal))).ToList();
        foreach (var error in said.Count > 0 ? said : parse.Errors) CliErrors.Error(environment, error.Message);
        if (unmatched.Count > 0)
        {
            var typed = unmatched[0];
            var close = NameSuggestions.Closest(typed, Names(command))
                .Select(name => name.StartsWith('-') ? name : $"{path} {name}").ToList();
            if (close.Count > 0) console.MarkupLineInterpolated($"{Capitalized(NameSuggestions.DidYouMean(close))}");
        }
        var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (commands.Count > 0 && command.Action is null && unmatched.Count == 0)
            console.MarkupLineInterpolated($"{path} takes a command: {string.Join(", ", commands)}.");
        console.MarkupLineInterpolated($"See '{path} --help'.");
        return SnapshotsCli.UsageError;
    }

    /// <summary>What may follow the command: its subcommands, and its options under every alias (not the /h spelling).</summary>
    private static IEnumerable<string> Names(Command command) =>
        command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(name => name.StartsWith('-')));

    /// <summary>"snapshots documents": the names of the commands from the root down.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
            if (current is CommandResult c) names.Add(c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
