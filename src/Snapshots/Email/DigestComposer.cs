using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// Composes the weekly digest: changes grouped by platform (newest first) with short summaries, a 12-week bar chart,
/// the documents verified unchanged with their last check, the documents that could not be checked (since when, last error)
/// and those not checked in the period. "Verified" is said only of a document that a check in the window found unchanged.
/// </summary>
public sealed class DigestComposer(TopicClassifier topics, EmailTemplates templates)
{
    private const int ErrorCharacters = 160;

    /// <summary>Renders a digest from its model; no I/O.</summary>
    public ComposedEmail Render(DigestEmailModel model)
    {
        var view = View(model);
        var layout = new LayoutModel($"Snapshots digest {model.IsoWeek}", view.Headline,
            $"You get this weekly digest for the platforms you follow on Snapshots. {PlanNote.For(model.PlanName)}".TrimEnd());
        return new ComposedEmail(view.Subject, templates.Html(DigestEmail.Kind, view, layout), templates.Text(DigestEmail.Kind, view, layout), DigestEmail.Kind);
    }

    public static string Subject(DigestEmailModel model) =>
        $"Your weekly Snapshots digest \u2014 {model.IsoWeek}: {Headline(model)}";

    /// <summary>
    /// "3 changes on 2 platforms"; for a week without changes "no changes, 5 documents verified" only when every followed
    /// document was verified, else "no changes found; 2 of 5 documents verified".
    /// </summary>
    public static string Headline(DigestEmailModel model) => model.ChangeCount > 0
        ? $"{EmailFormat.Count(model.ChangeCount, "change")} on {EmailFormat.Count(model.PlatformsWithChanges, "platform")}"
        : model.NotVerifiedCount == 0
            ? $"no changes, {EmailFormat.Count(model.VerifiedCount, "document")} verified"
            : $"no changes found; {EmailFormat.Number(model.VerifiedCount)} of {EmailFormat.Count(model.VerifiedCount + model.NotVerifiedCount, "document")} verified";

    private DigestView View(DigestEmailModel model)
    {
        var platforms = model.Platforms
            .Where(p => p.Changes.Count > 0)
            // The platform with the most severe change first (then the most recent), and within it the most severe change first.
            .OrderByDescending(p => p.Changes.Max(c => c.Level))
            .ThenByDescending(p => p.Changes.Max(c => c.CapturedAt))
            .Select(p => new DigestPlatformView(p.PlatformName, EmailFormat.Count(p.Changes.Count, "change"),
                p.Changes.OrderByDescending(c => c.Level).ThenByDescending(c => c.CapturedAt).ThenByDescending(c => c.Sequence).Select(Change).ToList()))
            .ToList();
        var bars = WeeklyChart.Bars(model.Weeks);
        var total = model.Weeks.TakeLast(WeeklyChart.Weeks).Sum(w => w.Changes);
        var unchanged = model.Unchanged
            .OrderBy(d => d.PlatformName, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.TermsType, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DigestVerifiedView(d.PlatformName, d.TermsType, d.LastCheckedAt is { } at ? EmailFormat.Time(at) : "not yet checked"))
            .ToList();
        var failing = model.Failing
            .OrderBy(d => d.FailingSince)
            .Select(d => new DigestFailingView(d.PlatformName, d.TermsType, EmailFormat.Time(d.FailingSince), Shorten(d.Error ?? "unknown error")))
            .ToList();
        var notChecked = (model.Unchecked ?? [])
            .OrderBy(d => d.PlatformName, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.TermsType, StringComparer.OrdinalIgnoreCase)
            .Select(d => new DigestUncheckedView(d.PlatformName, d.TermsType, d.LastCheckedAt is { } at ? $"last checked successfully {EmailFormat.Time(at)}, before this period" : "not checked yet"))
            .ToList();
        var headline = Headline(model);
        return new DigestView(Subject(model), model.IsoWeek,
            $"{EmailFormat.Day(model.WindowStart)} \u2013 {EmailFormat.Day(model.WindowEnd)}",
            char.ToUpperInvariant(headline[0]) + headline[1..], model.ChangeCount == 0 && model.NotVerifiedCount == 0, platforms, bars,
            $"{EmailFormat.Count(total, "change")} in the last {bars.Count} weeks on the platforms you follow", unchanged, failing, notChecked,
            model.ChangeCount == 0 && model.NotVerifiedCount > 0
                ? $"No change was found, but {EmailFormat.Count(model.NotVerifiedCount, "document")} could not be verified in this period: see below."
                : "",
            UnsentNote(model.UnsentAlerts));
    }

    /// <summary>What the reader is told of alerts parked after failed sends: honest about whether they will still come.</summary>
    internal static string UnsentNote(UnsentAlerts? unsent)
    {
        if (unsent is null || !unsent.Any) return "";
        var parts = new List<string>();
        if (unsent.AwaitingRetry > 0)
            parts.Add($"{EmailFormat.Count(unsent.AwaitingRetry, "alert")} could not be sent yet after failed sends; {(unsent.AwaitingRetry == 1 ? "it" : "they")} will be retried.");
        if (unsent.ParkedForGood > 0)
            parts.Add($"{EmailFormat.Count(unsent.ParkedForGood, "alert")} could not be sent after repeated attempts and {(unsent.ParkedForGood == 1 ? "is" : "are")} parked; " +
                $"{(unsent.ParkedForGood == 1 ? "it is" : "they are")} not retried unless the service's operator sends {(unsent.ParkedForGood == 1 ? "it" : "them")} again.");
        return string.Join(" ", parts);
    }

    private DigestChangeView Change(DigestChange change)
    {
        var summary = change.Summary is { } s ? s.Describe() : "Text changed";
        var topicList = change.Summary is { } t ? topics.SubjectFragment(t.Topics) : "";
        return new DigestChangeView(change.TermsType, EmailFormat.Time(change.CapturedAt), EmailFormat.Number(change.Sequence), summary,
            $"+{EmailFormat.Number(change.WordsAdded)} / \u2212{EmailFormat.Number(change.WordsRemoved)} words",
            topicList.Length == 0 ? "" : char.ToUpperInvariant(topicList[0]) + topicList[1..],
            change.Url, SourceLink.Href(change.Url), change.Sha256.Length > 12 ? change.Sha256[..12] : change.Sha256,
            change.Severity is null ? "" : change.Severity.ToString(), string.Join("; ", change.Provisions ?? []));
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= ErrorCharacters ? line : line[..(ErrorCharacters - 1)] + "\u2026";
    }
}
