namespace Snapshots.Changes;

/// <summary>
/// Finds which paired sections changed place. The sections that keep their relative order form the
/// heaviest increasing subsequence of previous positions (weighted by text length, so a short section
/// that jumps is reported rather than the long ones it jumped over); every other pair moved.
/// </summary>
internal static class MoveDetector
{
    /// <param name="pairs">Pairs in current document order.</param>
    /// <returns>Positions (in the current version) of the sections that moved.</returns>
    public static IReadOnlySet<int> Moved(IReadOnlyList<SectionPair> pairs)
    {
        var outOfOrder = OutOfOrder(pairs.Select(p => p.Previous.Position).ToArray(), pairs.Select(Weight).ToArray());
        return outOfOrder.Select(i => pairs[i].Current.Position).ToHashSet();
    }

    /// <summary>
    /// For any paired units in current order (sections, provisions): the indexes of those that are not in the heaviest
    /// subsequence whose previous positions increase.
    /// </summary>
    /// <param name="previousPositions">Each unit's position in the previous version, in current order.</param>
    /// <param name="weights">Each unit's weight (its text length), in the same order.</param>
    public static IReadOnlySet<int> OutOfOrder(IReadOnlyList<int> previousPositions, IReadOnlyList<long> weights)
    {
        var n = previousPositions.Count;
        var best = new long[n];
        var before = new int[n];
        for (var i = 0; i < n; i++)
        {
            best[i] = weights[i];
            before[i] = -1;
            for (var j = 0; j < i; j++)
            {
                if (previousPositions[j] >= previousPositions[i]) continue;
                var candidate = best[j] + weights[i];
                if (candidate > best[i]) (best[i], before[i]) = (candidate, j);
            }
        }

        var kept = new HashSet<int>();
        var last = -1;
        for (var i = 0; i < n; i++)
            if (last < 0 || best[i] > best[last]) last = i;
        for (var i = last; i >= 0; i = before[i]) kept.Add(i);

        return Enumerable.Range(0, n).Where(i => !kept.Contains(i)).ToHashSet();
    }

    private static long Weight(SectionPair pair) => pair.Current.Title.Length + pair.Current.Body.Length + 1;
}
