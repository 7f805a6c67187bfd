using System.Globalization;
using System.Text.RegularExpressions;

namespace Snapshots.Provisions;

/// <summary>
/// The id of a provision within its document: <c>v{sequence}-p{ordinal}</c>, the version in which the provision first
/// appeared and its ordinal in that version, e.g. "v1-p17" for the 18th provision of the first version. Short, readable in a
/// table key, deterministic (rebuilding the lineage from the same versions gives the same ids, so a backfill is
/// idempotent), and never given twice within a document: no two provisions of one version share an ordinal. A provision
/// keeps its id for as long as the lineage follows it, whatever its ordinal becomes later.
/// </summary>
internal static partial class ProvisionId
{
    public static string New(int sequence, int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"v{sequence}-p{ordinal}");
    }

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex(@"^v\d+-p\d+$")]
    private static partial Regex Pattern();
}
