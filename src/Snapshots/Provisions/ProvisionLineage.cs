using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// Follows provisions from one version to the next and gives every provision of the new version its identity. Pure: the
/// same two versions and previous identities always give the same result. In order:
/// <list type="number">
/// <item>the same text (up to white space, line breaks and a leading clause number) pairs, wherever it went: under the
/// same heading path first, then in order of appearance;</item>
/// <item>similar text pairs (word similarity, <see cref="TextSimilarity"/>; Chinese, Japanese and Korean by pairs of
/// characters), the more readily the closer it stays: at least <see cref="OnlyInSlotThreshold"/> when it is the only one
/// lost and the only one gained under the same headings between the same paired neighbours ("Updated: January 4th, 2024"
/// → "Updated: December 23, 2025"), <see cref="SameSlotThreshold"/> under the same headings between the same paired
/// neighbours, <see cref="NearbyThreshold"/>
/// under the same headings or between the same neighbours, <see cref="AnywhereThreshold"/> anywhere; the best pairs first;</item>
/// <item>a provision whose text went into several adjacent new ones (each mostly made of its words, together more like it
/// than any one alone) was split; several adjacent old ones that went into one were merged;</item>
/// <item>what is left was added or removed.</item>
/// </list>
/// A pair is moved when its headings changed (compared without numbering, <see cref="HeadingText.Key"/>; a heading path that
/// no longer exists leading to one that did not exist is a renamed heading, not a move) or when it left
/// the heaviest run of pairs that kept their order (<see cref="MoveDetector"/>), renumbered when only its clause number or
/// its headings' numbering changed. A followed provision keeps its id and slug; a new one gets
/// <see cref="ProvisionId.New"/> and its version's slug, made unique against every slug the document has used.
/// </summary>
internal static class ProvisionLineage
{
    public const double OnlyInSlotThreshold = 0.2;
    public const double SameSlotThreshold = 0.3;
    public const double NearbyThreshold = 0.45;
    public const double AnywhereThreshold = 0.6;

    /// <summary>Share of a part's words that must come from the whole for a split or merge.</summary>
    public const double PartShare = 0.75;

    /// <summary>Word similarity of the joined parts to the whole for a split or merge of provisions not already paired.</summary>
    public const double JoinedThreshold = 0.6;

    /// <summary>Above this many unpaired pairs to compare, only pairs under the same headings or between the same neighbours are compared.</summary>
    private const long MaxComparisons = 250_000;

    /// <summary>The identities of a document's first version: every provision is added.</summary>
    public static ProvisionLineageResult Start(int sequence, IReadOnlyList<Provision> provisions)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var tracked = provisions.Select(p => new TrackedProvision(ProvisionId.New(sequence, p.Ordinal), ProvisionSlug.Unique(p.Slug, taken), p)).ToList();
        var events = tracked.Select(t => new ProvisionEvent(ProvisionEventKind.Added, [], [t.Id], 0, true, false, false)).ToList();
        return new ProvisionLineageResult(tracked, events);
    }

    /// <summary>
    /// The identities stored for a version put back on its provisions: <paramref name="split"/> is the version's text split
    /// again (the split is deterministic), <paramref name="stored"/> the id, slug and range recorded for each provision.
    /// Pairs by range; a provision without a stored identity (the splitter has changed since the lineage was recorded)
    /// is refused, naming it: rebuild the lineage from the first version instead, which gives the same ids for the same
    /// versions.
    /// </summary>
    public static IReadOnlyList<TrackedProvision> Attach(IReadOnlyList<Provision> split, IEnumerable<(string Id, string Slug, TextRange Range)> stored)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(stored);
        var byRange = new Dictionary<TextRange, (string Id, string Slug)>();
        foreach (var (id, slug, range) in stored) byRange[range] = (id, slug);
        return split.Select(p => byRange.TryGetValue(p.Range, out var identity)
                ? new TrackedProvision(identity.Id, identity.Slug, p)
                : throw new InvalidOperationException(
                    $"provision {p.Ordinal} ({p.Slug}, {p.Range}) has no stored identity: the split differs from the one the lineage was recorded with"))
            .ToList();
    }

    /// <summary>
    /// Follows the <paramref name="previous"/> version's provisions (ranges of <paramref name="previousText"/>, with their ids
    /// and slugs) into the <paramref name="current"/> split of <paramref name="currentText"/>, version <paramref name="sequence"/>.
    /// </summary>
    /// <param name="retiredSlugs">Slugs the document's removed provisions had: never given again (permanent pages).</param>
    public static ProvisionLineageResult Follow(
        string previousText, IReadOnlyList<TrackedProvision> previous,
        int sequence, string currentText, IReadOnlyList<Provision> current,
        IEnumerable<string>? retiredSlugs = null)
    {
        ArgumentNullException.ThrowIfNull(previousText);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(currentText);
        ArgumentNullException.ThrowIfNull(current);
        var paths = new Dictionary<IReadOnlyList<string>, (string Raw, string Key)>(ReferenceEqualityComparer.Instance);
        var matching = new Matching(
            previous.Select((p, i) => new ComparableProvision(i, p.Provision, previousText, paths)).ToArray(),
            current.Select((p, i) => new ComparableProvision(i, p, currentText, paths)).ToArray());
        matching.Run();

        var taken = new HashSet<string>(retiredSlugs ?? [], StringComparer.Ordinal);
        taken.UnionWith(previous.Select(p => p.Slug));
        var tracked = new TrackedProvision[current.Count];
        for (var j = 0; j < current.Count; j++)
        {
            var origin = matching.OriginOf(j);
            tracked[j] = origin >= 0
                ? new TrackedProvision(previous[origin].Id, previous[origin].Slug, current[j])
                : new TrackedProvision(ProvisionId.New(sequence, current[j].Ordinal), ProvisionSlug.Unique(current[j].Slug, taken), current[j]);
        }
        return new ProvisionLineageResult(tracked, matching.Events(previous.Select(p => p.Id).ToArray(), tracked.Select(t => t.Id).ToArray()));
    }

    /// <summary>A split (one previous, several current) or a merge (several previous, one current), with the pair that keeps the id.</summary>
    private sealed record Group(ProvisionEventKind Kind, List<int> Previous, List<int> Current, int KeptPrevious, int KeptCurrent, double Similarity);

    private sealed class Matching(ComparableProvision[] previous, ComparableProvision[] current)
    {
        private readonly int[] pairOfPrevious = Filled(previous.Length);
        private readonly int[] pairOfCurrent = Filled(current.Length);
        private readonly double[] similarity = new double[current.Length];
        private readonly Group?[] groupOfPrevious = new Group?[previous.Length];
        private readonly Group?[] groupOfCurrent = new Group?[current.Length];

        public void Run()
        {
            PairSameText();
            PairSimilarText();
            FindSplits();
            FindMerges();
        }

        /// <summary>The index of the previous provision whose identity current provision <paramref name="j"/> keeps, or -1.</summary>
        public int OriginOf(int j)
        {
            if (groupOfCurrent[j] is { } group) return group.KeptCurrent == j ? group.KeptPrevious : -1;
            return pairOfCurrent[j];
        }

        private static int[] Filled(int length)
        {
            var array = new int[length];
            Array.Fill(array, -1);
            return array;
        }

        private bool PreviousFree(int i) => pairOfPrevious[i] < 0 && groupOfPrevious[i] is null;
        private bool CurrentFree(int j) => pairOfCurrent[j] < 0 && groupOfCurrent[j] is null;

        private void Pair(int i, int j, double score)
        {
            pairOfPrevious[i] = j;
            pairOfCurrent[j] = i;
            similarity[j] = score;
        }

        private void Unpair(int i, int j)
        {
            pairOfPrevious[i] = -1;
            pairOfCurrent[j] = -1;
        }

        private void PairSameText()
        {
            var byText = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var p in previous)
            {
                if (!byText.TryGetValue(p.Text, out var list)) byText[p.Text] = list = [];
                list.Add(p.Index);
            }
            var waiting = new List<int>();
            foreach (var c in current)
            {
                if (!byText.TryGetValue(c.Text, out var candidates)) continue;
                var same = candidates.FindIndex(i => pairOfPrevious[i] < 0 && previous[i].PathKey == c.PathKey);
                if (same >= 0) Pair(candidates[same], c.Index, 1);
                else waiting.Add(c.Index);
            }
            foreach (var j in waiting)
            {
                var free = byText[current[j].Text].FindIndex(i => pairOfPrevious[i] < 0);
                if (free >= 0) Pair(byText[current[j].Text][free], j, 1);
            }
        }

        private void PairSimilarText()
        {
            var unpairedPrevious = previous.Where(p => PreviousFree(p.Index)).ToList();
            var unpairedCurrent = current.Where(c => CurrentFree(c.Index)).ToList();
            if (unpairedPrevious.Count == 0 || unpairedCurrent.Count == 0) return;
            var gapOfPrevious = Gaps(previous.Length, i => pairOfPrevious[i]);
            var gapOfCurrent = Gaps(current.Length, j => pairOfCurrent[j] >= 0 ? j : -1);

            IEnumerable<(ComparableProvision P, ComparableProvision C)> pairs;
            if ((long)unpairedPrevious.Count * unpairedCurrent.Count <= MaxComparisons)
            {
                pairs = unpairedPrevious.SelectMany(_ => unpairedCurrent, (p, c) => (p, c));
            }
            else
            {
                // Too many to compare all: only those under the same headings or between the same paired neighbours.
                var byPath = unpairedCurrent.ToLookup(c => c.PathKey);
                var byGap = unpairedCurrent.ToLookup(c => gapOfCurrent[c.Index]);
                pairs = unpairedPrevious.SelectMany(p => byPath[p.PathKey].Union(byGap[gapOfPrevious[p.Index]]), (p, c) => (p, c));
            }

            // A gap that lost exactly one provision under some headings and gained exactly one there: the same slot, rewritten.
            var slots = unpairedPrevious.Select(p => (Side: 0, Gap: gapOfPrevious[p.Index], p.PathKey))
                .Concat(unpairedCurrent.Select(c => (Side: 1, Gap: gapOfCurrent[c.Index], c.PathKey)))
                .GroupBy(x => (x.Gap, x.PathKey))
                .Where(g => g.Count(x => x.Side == 0) == 1 && g.Count(x => x.Side == 1) == 1)
                .Select(g => g.Key)
                .ToHashSet();

            var candidates = new List<(double Score, double Similarity, int Previous, int Current)>();
            foreach (var (p, c) in pairs)
            {
                var words = p.WordCount + c.WordCount;
                if (words == 0) continue;
                var samePath = p.PathKey == c.PathKey;
                var sameGap = gapOfPrevious[p.Index] == gapOfCurrent[c.Index];
                var threshold = samePath && sameGap ? (slots.Contains((gapOfCurrent[c.Index], c.PathKey)) ? OnlyInSlotThreshold : SameSlotThreshold)
                    : samePath || sameGap ? NearbyThreshold : AnywhereThreshold;
                if (2.0 * Math.Min(p.WordCount, c.WordCount) / words < threshold) continue;
                var score = TextSimilarity.Of(p.Words, c.Words);
                if (score < threshold) continue;
                candidates.Add((score + (samePath ? 0.1 : 0) + (sameGap ? 0.1 : 0), score, p.Index, c.Index));
            }
            candidates.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score)
                : a.Previous != b.Previous ? a.Previous.CompareTo(b.Previous) : a.Current.CompareTo(b.Current));
            foreach (var (_, score, i, j) in candidates)
                if (PreviousFree(i) && CurrentFree(j)) Pair(i, j, score);
        }

        /// <summary>
        /// For each provision, the nearest paired provision at or before it, named by its current index (-1 before the
        /// first): two unpaired provisions with the same gap sit between the same paired neighbours.
        /// </summary>
        private static int[] Gaps(int length, Func<int, int> pairedCurrentIndex)
        {
            var gaps = new int[length];
            var last = -1;
            for (var k = 0; k < length; k++)
            {
                var paired = pairedCurrentIndex(k);
                if (paired >= 0) last = paired;
                gaps[k] = last;
            }
            return gaps;
        }

        private void FindSplits()
        {
            for (var i = 0; i < previous.Length; i++)
            {
                if (groupOfPrevious[i] is not null) continue;
                var p = previous[i];
                var paired = pairOfPrevious[i];
                if (paired >= 0 && current[paired].Text == p.Text) continue;
                var seed = paired >= 0 ? paired : BestPart(p, current, CurrentFree);
                if (seed < 0) continue;
                var run = Grow(p, seed, current, CurrentFree, out var joined);
                if (run.Count < 2 || (paired < 0 && joined < JoinedThreshold)) continue;
                var kept = paired >= 0 ? paired : run.MaxBy(j => TextSimilarity.Of(p.Words, current[j].Words));
                if (paired >= 0) Unpair(i, paired);
                var group = new Group(ProvisionEventKind.Split, [i], run, i, kept, joined);
                groupOfPrevious[i] = group;
                foreach (var j in run) groupOfCurrent[j] = group;
            }
        }

        private void FindMerges()
        {
            for (var j = 0; j < current.Length; j++)
            {
                if (groupOfCurrent[j] is not null) continue;
                var c = current[j];
                var paired = pairOfCurrent[j];
                if (paired >= 0 && previous[paired].Text == c.Text) continue;
                var seed = paired >= 0 ? paired : BestPart(c, previous, PreviousFree);
                if (seed < 0) continue;
                var run = Grow(c, seed, previous, PreviousFree, out var joined);
                if (run.Count < 2 || (paired < 0 && joined < JoinedThreshold)) continue;
                var kept = paired >= 0 ? paired : run.MaxBy(i => TextSimilarity.Of(c.Words, previous[i].Words));
                if (paired >= 0) Unpair(paired, j);
                var group = new Group(ProvisionEventKind.Merged, run, [j], kept, j, joined);
                groupOfCurrent[j] = group;
                foreach (var i in run) groupOfPrevious[i] = group;
            }
        }

        /// <summary>The free provision on the other side most of whose words come from <paramref name="whole"/>, the one sharing most; -1 if none.</summary>
        private static int BestPart(ComparableProvision whole, ComparableProvision[] side, Func<int, bool> free)
        {
            if (whole.WordCount < 4) return -1;
            var (best, bestShared) = (-1, 0);
            foreach (var part in side)
            {
                if (!free(part.Index) || part.WordCount < 2 || part.WordCount > whole.WordCount) continue;
                var shared = TextSimilarity.Shared(part.Words, whole.Words);
                if (shared >= PartShare * part.WordCount && shared > bestShared) (best, bestShared) = (part.Index, shared);
            }
            return best;
        }

        /// <summary>
        /// Adds free neighbours to <paramref name="seed"/> while each is mostly made of <paramref name="whole"/>'s words and
        /// makes the joined parts more like it; the run in document order.
        /// </summary>
        private static List<int> Grow(ComparableProvision whole, int seed, ComparableProvision[] side, Func<int, bool> free, out double joined)
        {
            var run = new List<int> { seed };
            var words = new Dictionary<string, int>(side[seed].Words, StringComparer.Ordinal);
            joined = TextSimilarity.Of(whole.Words, words);
            for (var grown = true; grown;)
            {
                grown = false;
                foreach (var next in new[] { run[0] - 1, run[^1] + 1 })
                {
                    if (next < 0 || next >= side.Length || !free(next) || side[next].WordCount == 0) continue;
                    var part = side[next];
                    if (TextSimilarity.Shared(part.Words, whole.Words) < PartShare * part.WordCount) continue;
                    var with = new Dictionary<string, int>(words, StringComparer.Ordinal);
                    foreach (var (word, count) in part.Words) with[word] = with.GetValueOrDefault(word) + count;
                    var score = TextSimilarity.Of(whole.Words, with);
                    if (score <= joined + 0.02) continue;
                    (words, joined, grown) = (with, score, true);
                    if (next < run[0]) run.Insert(0, next);
                    else run.Add(next);
                }
            }
            return run;
        }

        public IReadOnlyList<ProvisionEvent> Events(string[] previousIds, string[] currentIds)
        {
            var moved = MovedCurrent();
            var events = new List<(double Order, ProvisionEvent Event)>();
            for (var j = 0; j < current.Length; j++)
            {
                if (groupOfCurrent[j] is { } group)
                {
                    if (group.Current[0] != j) continue;
                    var kept = current[group.KeptCurrent];
                    var keptPrevious = previous[group.KeptPrevious];
                    var ids = group.Current.OrderBy(c => c == group.KeptCurrent ? 0 : 1).ThenBy(c => c).Select(c => currentIds[c]).ToList();
                    var before = group.Previous.OrderBy(i => i == group.KeptPrevious ? 0 : 1).ThenBy(i => i).Select(i => previousIds[i]).ToList();
                    events.Add((j, new ProvisionEvent(group.Kind, before, ids, group.Similarity, true,
                        moved.Contains(group.KeptCurrent), Renumbered(keptPrevious, kept))));
                    continue;
                }
                var i = pairOfCurrent[j];
                if (i < 0)
                {
                    events.Add((j, new ProvisionEvent(ProvisionEventKind.Added, [], [currentIds[j]], 0, true, false, false)));
                    continue;
                }
                var p = previous[i];
                var c = current[j];
                var textChanged = p.Text != c.Text;
                var isMoved = moved.Contains(j);
                var renumbered = Renumbered(p, c);
                var kind = textChanged ? ProvisionEventKind.Modified
                    : isMoved ? ProvisionEventKind.Moved
                    : renumbered ? ProvisionEventKind.Renumbered
                    : ProvisionEventKind.Unchanged;
                events.Add((j, new ProvisionEvent(kind, [previousIds[i]], [currentIds[j]], similarity[j], textChanged, isMoved, renumbered)));
            }

            // A removal is listed where it was: after the provision that preceded it, if that one is still there.
            var anchor = -1.0;
            for (var i = 0; i < previous.Length; i++)
            {
                var followed = pairOfPrevious[i] >= 0 ? pairOfPrevious[i] : groupOfPrevious[i]?.Current[0] ?? -1;
                if (followed >= 0)
                {
                    anchor = followed;
                    continue;
                }
                if (groupOfPrevious[i] is not null) continue;
                anchor += 1e-6;
                events.Add((anchor + 0.5, new ProvisionEvent(ProvisionEventKind.Removed, [previousIds[i]], [], 0, true, false, false)));
            }
            return events.OrderBy(e => e.Order).Select(e => e.Event).ToList();
        }

        private static bool Renumbered(ComparableProvision p, ComparableProvision c) =>
            !string.Equals(p.Number, c.Number, StringComparison.Ordinal) || (p.RawPath != c.RawPath && p.PathKey == c.PathKey);

        /// <summary>Current indexes of pairs under other headings or out of the heaviest run that kept its order.</summary>
        private HashSet<int> MovedCurrent()
        {
            var followed = new List<(int Current, int Previous)>();
            for (var j = 0; j < current.Length; j++)
            {
                if (groupOfCurrent[j] is { } group) { if (group.KeptCurrent == j) followed.Add((j, group.KeptPrevious)); }
                else if (pairOfCurrent[j] >= 0) followed.Add((j, pairOfCurrent[j]));
            }
            var moved = new HashSet<int>();
            var previousPaths = previous.Select(p => p.PathKey).ToHashSet(StringComparer.Ordinal);
            var currentPaths = current.Select(c => c.PathKey).ToHashSet(StringComparer.Ordinal);
            foreach (var (j, i) in followed)
            {
                if (previous[i].PathKey == current[j].PathKey) continue;
                // A heading path that is gone, leading to one that is new, is the same heading renamed ("Version Effective
                // Date: June 23, 2025" → "... February 12, 2026"): its provisions stayed where they were.
                var renamed = !currentPaths.Contains(previous[i].PathKey) && !previousPaths.Contains(current[j].PathKey);
                if (!renamed) moved.Add(j);
            }
            // Among the others, those that left the heaviest run that kept its order (what moved under its own headings).
            var stayed = followed.Where(f => !moved.Contains(f.Current)).ToList();
            var outOfOrder = MoveDetector.OutOfOrder(stayed.Select(f => f.Previous).ToArray(), stayed.Select(f => (long)current[f.Current].Length + 1).ToArray());
            moved.UnionWith(outOfOrder.Select(k => stayed[k].Current));
            return moved;
        }
    }
}
