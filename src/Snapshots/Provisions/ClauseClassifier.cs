using System.Text.RegularExpressions;
using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// Types provisions with the clause types of a <see cref="ClauseTypeCatalog"/>, offline, every label with the words that gave
/// it. For each type, on the sentences of the provision's plain words (<see cref="PlainWords"/>) that hold one of its
/// keywords:
/// <list type="number">
/// <item>every match of its patterns is explicit language of the type, unless one of its <c>notWhen</c> patterns is in the
/// same sentence (the words are about something else: "you may not use outputs to train competing models");</item>
/// <item>negation guard, for types that have one: a negation cue inside the match, or between the start of its clause
/// (its sentence, cut at "but", "however", ";" and the like) and the match, at most <see cref="NegationReach"/> words
/// before it, turns the match off or into the type it <c>becomes</c> ("we do not use your content to train our models"
/// is no training on user content, and is the no-training type). A cue inside a phrase that negates nothing ("including
/// but not limited to"), after a condition ("if you do not opt out, ...") or followed by an exception to the denial ("we
/// do not access your files except ...") is no negation;</item>
/// <item>exception guard, for types that have one: an exception pattern anywhere in the match's sentence ("except for Labs
/// Models", "opt-outs do not apply to ...") turns the match into the carve-out type it <c>becomes</c>, at least as severe
/// as the catalogue says;</item>
/// <item>only when no pattern of the type matched, its cues make it inferred;</item>
/// <item>only when neither matched, its <c>followsOn</c> patterns make it inferred if another sentence of the text was
/// typed as one of the types that set their topic ("... to train our models. You can opt out in your settings.").</item>
/// </list>
/// A provision is read with its lead-in or table header (its context); types found only there are inferred for it. A
/// pattern that runs out of time types nothing (a label is never worth failing a check).
/// </summary>
public sealed class ClauseClassifier(ClauseTypeCatalog catalog)
{
    /// <summary>How many words before a match a negation cue may stand.</summary>
    public const int NegationReach = 10;

    /// <summary>A last lead-in sentence of fewer words than this is read with the sentence before it.</summary>
    private const int ShortLeadIn = 8;

    public static ClauseClassifier Default { get; } = new(ClauseTypeCatalog.Default);

    public ClauseTypeCatalog Catalog => catalog;

    /// <summary>The clause types of a text, in catalogue order, with offsets into that text.</summary>
    public IReadOnlyList<ClauseMatch> Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = PlainWords.Of(text);
        if (plain.Text.Length == 0) return [];
        var compiled = catalog.Compiled;
        var sentences = SentenceBounds.Of(plain.Text);
        var hits = new List<Hit>();

        // Which sentences hold a keyword of which type, in one pass over the words.
        var keyed = new List<int>?[compiled.Types.Count];
        var sentence = 0;
        compiled.Keywords.Find(plain.Text.ToLowerInvariant(), (type, position) =>
        {
            while (position >= sentences[sentence].End) sentence++;
            while (position < sentences[sentence].Start) sentence--;
            var list = keyed[type] ??= [];
            if (list.Count == 0 || list[^1] != sentence) list.Add(sentence);
        });

        for (var t = 0; t < compiled.Types.Count; t++)
        {
            if (keyed[t] is not { } where) continue;
            var type = compiled.Types[t];
            var explicitFound = false;
            foreach (var match in Matches(type.Patterns, plain.Text, sentences, where))
            {
                var bounds = SentenceBounds.Holding(sentences, match.Index);
                if (type.NotWhen is { } notWhen && Find(notWhen, plain.Text, bounds.Start, bounds.End - bounds.Start) is not null) continue;
                explicitFound = true;
                var words = Evidence(plain, text, match.Index, match.Length, MatchedWords.MatchRole);
                if (type.Type.Negation is { } negation && NegationBefore(compiled, type, plain.Text, bounds, match.Index, match.Index + match.Length) is { } cue)
                {
                    if (negation.Becomes is { } opposite)
                        hits.Add(new Hit(opposite, ClauseConfidence.Explicit, ClauseGuard.Negated, type.Type.Id, null,
                            [Evidence(plain, text, cue.Index, cue.Length, MatchedWords.NegationRole), words]));
                    continue;
                }
                hits.Add(CarvedOut(type, plain, text, bounds, words, ClauseConfidence.Explicit) ?? new Hit(type.Type.Id, ClauseConfidence.Explicit, ClauseGuard.None, null, null, [words]));
            }
            if (explicitFound || type.Cues is null) continue;
            foreach (var cue in Matches(type.Cues, plain.Text, sentences, where))
            {
                var bounds = SentenceBounds.Holding(sentences, cue.Index);
                if (type.NotWhen is { } notWhen && Find(notWhen, plain.Text, bounds.Start, bounds.End - bounds.Start) is not null) continue;
                if (type.Type.Negation is not null && NegationBefore(compiled, type, plain.Text, bounds, cue.Index, cue.Index + cue.Length) is not null) continue;
                hits.Add(new Hit(type.Type.Id, ClauseConfidence.Inferred, ClauseGuard.None, null, null, [Evidence(plain, text, cue.Index, cue.Length, MatchedWords.CueRole)]));
            }
        }
        FollowOns(compiled, plain, text, sentences, keyed, hits);
        return Combine(hits);
    }

    /// <summary>
    /// Language of a type that counts only after another type set the topic elsewhere in the text ("We may use your chats
    /// to train our models. You can opt out in your settings."): inferred, with the same notWhen, negation and exception
    /// guards as the type's own patterns; looked for only when the type's own patterns and cues found nothing.
    /// </summary>
    private static void FollowOns(ClauseTypeCatalog.CompiledCatalog compiled, PlainWords plain, string text, IReadOnlyList<(int Start, int End)> sentences, List<int>?[] keyed, List<Hit> hits)
    {
        for (var t = 0; t < compiled.Types.Count; t++)
        {
            var type = compiled.Types[t];
            if (type.FollowOn is not { } followOn || keyed[t] is not { } where || hits.Any(h => h.TypeId == type.Type.Id || h.DerivedFrom == type.Type.Id)) continue;
            var topics = type.Type.FollowsOn!.Types;
            if (!hits.Any(h => h.Guard == ClauseGuard.None && topics.Contains(h.TypeId))) continue;
            foreach (var match in Matches(followOn, plain.Text, sentences, where))
            {
                var bounds = SentenceBounds.Holding(sentences, match.Index);
                if (type.NotWhen is { } notWhen && Find(notWhen, plain.Text, bounds.Start, bounds.End - bounds.Start) is not null) continue;
                if (type.Type.Negation is not null && NegationBefore(compiled, type, plain.Text, bounds, match.Index, match.Index + match.Length) is not null) continue;
                var words = Evidence(plain, text, match.Index, match.Length, MatchedWords.CueRole);
                hits.Add(CarvedOut(type, plain, text, bounds, words, ClauseConfidence.Inferred) ?? new Hit(type.Type.Id, ClauseConfidence.Inferred, ClauseGuard.None, null, null, [words]));
            }
        }
    }

    /// <summary>The carve-out a match becomes when an exception pattern of its type is in its sentence; null when none is.</summary>
    private static Hit? CarvedOut(ClauseTypeCatalog.CompiledType type, PlainWords plain, string text, (int Start, int End) sentence, MatchedWords words, ClauseConfidence confidence) =>
        type.Exception is { } exceptionPattern && Find(exceptionPattern, plain.Text, sentence.Start, sentence.End - sentence.Start) is { } exception
            ? new Hit(type.Type.Exception!.Becomes, confidence, ClauseGuard.CarvedOut, type.Type.Id, type.Type.Exception.Severity,
                [words, Evidence(plain, text, exception.Index, exception.Length, MatchedWords.ExceptionRole)])
            : null;

    /// <summary>
    /// The clause types of a provision, read with its context before it as one text: the last sentence of its lead-in and of
    /// its parent item, its table's header row. "You agree not to:" and "reverse engineer the Services;" are one prohibition. A type whose matched words reach into
    /// the provision's own text is explicit; one found only in its context is inferred. Offsets are into the provision's own
    /// text, or into context range number <see cref="MatchedWords.Context"/>; words that run from the context into the
    /// provision are given as two pieces.
    /// </summary>
    public IReadOnlyList<ClauseMatch> Classify(Provision provision, string versionText)
    {
        ArgumentNullException.ThrowIfNull(provision);
        ArgumentNullException.ThrowIfNull(versionText);
        var own = provision.Text(versionText);
        if (provision.Context.Count == 0) return Classify(own);

        // The pieces in reading order: the last sentence of each lead-in (the one that introduces the list), each table
        // header row whole, then the provision; Skip is where a piece starts in its own range.
        var pieces = provision.Context.Select((range, k) =>
            {
                var context = range.Of(versionText);
                var skip = context.StartsWith('|') ? 0 : LastSentenceStart(context);
                return (Index: k, Text: context[skip..], Skip: skip);
            })
            .Append((Index: -1, Text: own, Skip: 0)).ToList();
        var starts = new int[pieces.Count];
        for (var i = 1; i < pieces.Count; i++) starts[i] = starts[i - 1] + pieces[i - 1].Text.Length + 1;
        var joined = string.Join('\n', pieces.Select(p => p.Text));

        var matches = new List<ClauseMatch>();
        foreach (var match in Classify(joined))
        {
            var evidence = new List<MatchedWords>();
            foreach (var words in match.Evidence)
            {
                for (var i = 0; i < pieces.Count; i++)
                {
                    var start = Math.Max(words.Start, starts[i]);
                    var end = Math.Min(words.Start + words.Length, starts[i] + pieces[i].Text.Length);
                    if (start >= end) continue;
                    evidence.Add(new MatchedWords(start - starts[i] + pieces[i].Skip, end - start, joined[start..end], words.Role, pieces[i].Index));
                }
            }
            var inOwnText = evidence.Any(e => !e.InContext && e.Role is MatchedWords.MatchRole or MatchedWords.CueRole);
            matches.Add(match with
            {
                Confidence = inOwnText ? match.Confidence : ClauseConfidence.Inferred,
                Evidence = evidence,
            });
        }
        return matches;
    }

    /// <summary>
    /// Where the sentence that introduces a list starts: the last one of the lead-in, or the last two when the last is
    /// short ("You own all Assets you create. There are some exceptions:"). 0 when the lead-in is one sentence.
    /// </summary>
    private static int LastSentenceStart(string text)
    {
        var plain = PlainWords.Of(text);
        var sentences = SentenceBounds.Of(plain.Text);
        var last = sentences.Count - 1;
        while (last > 0 && sentences[last].End - sentences[last].Start <= 1) last--;
        if (last > 0 && plain.Text.AsSpan(sentences[last].Start, sentences[last].End - sentences[last].Start).Count(' ') < ShortLeadIn) last--;
        var start = sentences[last].Start;
        while (start < plain.Text.Length && plain.Text[start] == ' ') start++;
        return start == 0 || start >= plain.Text.Length ? 0 : plain.ToOriginal(start, 1).Start;
    }

    private int Rank(string typeId)
    {
        for (var i = 0; i < catalog.Types.Count; i++)
            if (catalog.Types[i].Id == typeId) return i;
        return int.MaxValue;
    }

    private sealed record Hit(string TypeId, ClauseConfidence Confidence, ClauseGuard Guard, string? DerivedFrom, SeverityLevel? RaisedTo, IReadOnlyList<MatchedWords> Evidence);

    /// <summary>One match per type: every piece of evidence, the strongest confidence, its own language before a guard's.</summary>
    private IReadOnlyList<ClauseMatch> Combine(List<Hit> hits)
    {
        var matches = new List<ClauseMatch>();
        foreach (var group in hits.GroupBy(h => h.TypeId).OrderBy(g => Rank(g.Key)))
        {
            var type = catalog.Find(group.Key)!;
            var lead = group.OrderByDescending(h => h.Confidence).ThenBy(h => h.Guard).First();
            var severity = group.Select(h => h.RaisedTo is { } raised && raised > type.Severity ? raised : type.Severity).Max();
            var evidence = group.SelectMany(h => h.Evidence).Distinct().OrderBy(e => e.Start).ThenBy(e => e.Length).ToList();
            matches.Add(new ClauseMatch(type.Id, severity, lead.Confidence, lead.Guard, lead.DerivedFrom, evidence));
        }
        return matches;
    }

    private static MatchedWords Evidence(PlainWords plain, string text, int start, int length, string role)
    {
        var range = plain.ToOriginal(start, length);
        return new MatchedWords(range.Start, range.Length, range.Of(text), role);
    }

    /// <summary>
    /// The negation cue that denies a match: the one nearest its end, inside it or before it in its clause and within reach,
    /// not part of a phrase that negates nothing, not after a condition, not followed in its sentence by an exception to
    /// the denial ("except", "unless"). Null when there is none.
    /// </summary>
    private static Match? NegationBefore(ClauseTypeCatalog.CompiledCatalog compiled, ClauseTypeCatalog.CompiledType type, string text, (int Start, int End) sentence, int matchStart, int matchEnd)
    {
        var scopeStart = sentence.Start;
        if (compiled.ClauseBoundary is { } boundary)
            foreach (var cut in Matches(boundary, text, sentence.Start, matchStart - sentence.Start))
                scopeStart = cut.Index + cut.Length;
        var reach = Math.Max(scopeStart, StartOfWordsBefore(text, matchStart, NegationReach));
        if (reach >= matchStart) return null;

        // A cue counts before the match and inside it ("our staff will never read your conversations").
        var cues = Matches(compiled.NegationCue, text, reach, matchEnd - reach).ToList();
        if (type.Negation is { } extra) cues.AddRange(Matches(extra, text, reach, matchEnd - reach));
        bool Inside(Regex? phrases, Match cue) => phrases is not null
            && Matches(phrases, text, scopeStart, Math.Min(text.Length, matchEnd + 20) - scopeStart).Any(n => n.Index <= cue.Index && cue.Index < n.Index + n.Length);
        foreach (var cue in cues.OrderByDescending(c => c.Index))
        {
            if (Inside(compiled.NotNegation, cue) || Inside(type.NotNegation, cue)) continue;
            if (compiled.ConditionCue is { } condition && Find(condition, text, scopeStart, cue.Index - scopeStart) is not null) continue;
            // "We do not access your files except ..." says when it does.
            if (compiled.NegationException is { } unless && Find(unless, text, cue.Index, sentence.End - cue.Index) is not null) continue;
            return cue;
        }
        return null;
    }

    private static int StartOfWordsBefore(string text, int index, int words)
    {
        var i = index;
        for (var counted = 0; counted < words && i > 0; counted++)
        {
            while (i > 0 && text[i - 1] == ' ') i--;
            while (i > 0 && text[i - 1] != ' ') i--;
        }
        return i;
    }

    /// <summary>Matches within the given sentences (indexes in order), each run of consecutive sentences searched at once.</summary>
    private static IEnumerable<Match> Matches(Regex regex, string text, IReadOnlyList<(int Start, int End)> sentences, List<int> where)
    {
        var found = new List<Match>();
        for (var k = 0; k < where.Count;)
        {
            var last = k;
            while (last + 1 < where.Count && where[last + 1] == where[last] + 1) last++;
            var start = sentences[where[k]].Start;
            found.AddRange(Matches(regex, text, start, sentences[where[last]].End - start));
            k = last + 1;
        }
        return found;
    }

    /// <summary>Matches within a range of the text; none when the pattern runs out of time.</summary>
    private static IEnumerable<Match> Matches(Regex regex, string text, int start, int length)
    {
        var found = new List<Match>();
        if (length <= 0) return found;
        try
        {
            for (var match = regex.Match(text, start, length); match.Success; match = match.NextMatch())
                if (match.Length > 0) found.Add(match);
        }
        catch (RegexMatchTimeoutException)
        {
            found.Clear();
        }
        return found;
    }

    private static Match? Find(Regex regex, string text, int start, int length) => Matches(regex, text, start, length).FirstOrDefault();
}
