namespace Snapshots.Email;

/// <summary>The digest as its templates read it: plain, formatted text, encoded by the templates.</summary>
internal sealed record DigestView(
    string Subject,
    string IsoWeek,
    string Window,
    string Headline,
    bool IsQuiet,
    IReadOnlyList<DigestPlatformView> Platforms,
    IReadOnlyList<ChartBar> Bars,
    string ChartNote,
    IReadOnlyList<DigestVerifiedView> Unchanged,
    IReadOnlyList<DigestFailingView> Failing,
    IReadOnlyList<DigestUncheckedView> NotChecked,
    string NotVerifiedNote,
    string UnsentAlertsNote = "");

internal sealed record DigestPlatformView(string Name, string Count, IReadOnlyList<DigestChangeView> Changes);

/// <param name="Severity">"high: AI training; 2 sections modified", or empty for a first version.</param>
internal sealed record DigestChangeView(string Document, string When, string Version, string Summary, string Words, string Topics, string? Source, string? SourceHref, string Sha, string Severity = "", string Provisions = "");

internal sealed record DigestVerifiedView(string Platform, string Document, string LastChecked);

internal sealed record DigestFailingView(string Platform, string Document, string Since, string Error);

internal sealed record DigestUncheckedView(string Platform, string Document, string Status);
