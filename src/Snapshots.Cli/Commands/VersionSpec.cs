using Snapshots.Catalog;

namespace Snapshots.Cli.Commands;

/// <summary>
/// A version as typed on the command line: a number (<c>3</c>), <c>latest</c>, <c>first</c>, or counted back from the latest
/// (<c>-1</c> is the latest, <c>-2</c> the one before). Resolved against the document's version count.
/// </summary>
public static class VersionSpec
{
    public const string Help = "a number, latest, first, or -N counting back from the latest (-1 is the latest)";

    /// <summary>The version number <paramref name="text"/> names; a <see cref="UsageException"/> that says why when there is none.</summary>
    public static long Resolve(string? text, DocumentRecord document, long? fallback = null)
    {
        var id = document.Id;
        if (document.VersionCount < 1)
            throw new UsageException($"document '{id}' has no version yet: it has not been captured (snapshots check --document {id}).");
        var spec = text?.Trim().ToLowerInvariant();
        long number = spec switch
        {
            null or "" => fallback ?? document.VersionCount,
            "latest" or "last" => document.VersionCount,
            "first" => 1,
            _ when long.TryParse(spec, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) =>
                n < 0 ? document.VersionCount + n + 1 : n,
            _ => throw new UsageException($"'{text}' is not a version: use {Help}."),
        };
        if (number < 1 || number > document.VersionCount)
            throw new UsageException($"document '{id}' has no version {text ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture)}: it has versions 1 to {document.VersionCount}.");
        return number;
    }
}
