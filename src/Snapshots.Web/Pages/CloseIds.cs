namespace Snapshots.Web.Pages;

/// <summary>
/// The id closest to one that was not found ("did you mean"): the fewest edits (insert, delete, replace a character), at most
/// <see cref="MaxEdits"/> and fewer than a third of its length, ties to the first in order. Ids longer than <see cref="MaxLength"/>
/// are not compared, so a look-up costs at most ids × MaxLength².
/// </summary>
public static class CloseIds
{
    public const int MaxEdits = 3;
    public const int MaxLength = 64;

    public static string? Nearest(string wanted, IEnumerable<string> ids)
    {
        if (wanted.Length == 0 || wanted.Length > MaxLength) return null;
        wanted = wanted.ToLowerInvariant();
        string? best = null;
        var bestEdits = int.MaxValue;
        foreach (var id in ids)
        {
            if (id.Length > MaxLength || Math.Abs(id.Length - wanted.Length) > MaxEdits) continue;
            var edits = Edits(wanted, id.ToLowerInvariant());
            if (edits < bestEdits && edits <= MaxEdits && edits * 3 <= Math.Max(wanted.Length, id.Length)) (best, bestEdits) = (id, edits);
        }
        return best;
    }

    private static int Edits(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
