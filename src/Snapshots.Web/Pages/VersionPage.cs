using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Archive;
using Snapshots.Changes;
using Snapshots.Email;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>/platforms/{platform}/{type}/versions/{n}</c>: the version's text, its change from the previous version, and its evidence:
/// source, capture time (UTC), text and raw SHA-256, chain hash, downloads, a verification done now by re-hashing the blobs
/// (with the time of that check), and the citation with this page's permanent address.
/// </summary>
public static class VersionPage
{
    public sealed record View(string PlatformName, string PlatformHref, string TermsType, string DocumentHref, long Sequence, long Latest,
        string CapturedAt, Evidence Evidence, HtmlFragment? Change, string? PreviousHref, string? NextHref, string? CompareHref, string Text)
    {
        /// <summary>The change's severity as alerts give it; null for a first version.</summary>
        public VersionSeverity.Shown? Severity { get; init; }

        /// <summary>The text as HTML (<see cref="RenderedText"/>), null when shown as Markdown.</summary>
        public HtmlFragment? Rendered { get; init; }

        /// <summary>Why the text is shown as plain Markdown although rendering was asked for (it breaks a bound), or null.</summary>
        public string? PlainBecause { get; init; }

        /// <summary>The Markdown source shown (<c>?text=markdown</c>) and the links between the two ways.</summary>
        public bool ShowingMarkdown { get; init; }
        public string MarkdownHref { get; init; } = "";
        public string RenderedHref { get; init; } = "";
    }

    /// <summary><c>?text=markdown</c>: the version's text as its Markdown source instead of rendered.</summary>
    public const string MarkdownText = "markdown";

    public sealed record Evidence(string Source, string? SourceHref, string CapturedAt, string CapturedIso, string TextSha256, string RawSha256,
        string ChainHash, string PreviousChainHash, string TextHref, IReadOnlyList<Raw> Raws, bool Verified, string Verdict, string CheckedAt,
        string CheckedIso, IReadOnlyList<string> Problems, string Citation, string PermanentUrl, string Origin, string Timestamp, string? TimestampHref);

    public sealed record Raw(string Url, string MediaType, string Sha256, string Href);

    public static async Task<IResult> HandleAsync(string platform, string type, long sequence, string? part, string? view, string? text, ArchiveReader reader,
        VersionCheck check, PublicSite site, PageTemplates templates, TopicClassifier topics, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        if (document is null || version is null) return await NearestPage.VersionAsync(reader, templates, platform, type, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var showMarkdown = string.Equals(text, MarkdownText, StringComparison.OrdinalIgnoreCase);
        var id = document.Id;
        var result = await check.CheckAsync(id, version, ct);
        var body = await SafeTextAsync(reader, version, ct);
        HtmlFragment? change = null;
        if (version.Sequence > 1 && await reader.VersionAsync(id, version.Sequence - 1, ct) is { } previous && body is not null)
        {
            var here = PublicSite.VersionPath(id, version.Sequence);
            try { change = DiffView.Render(templates, await reader.CompareAsync(previous, version, ct), topics, part, view, (n, v) => DiffView.PartHref(here, n, v)); }
            catch (MissingSnapshotException) { }
        }
        var permanent = site.VersionUrl(id, version.Sequence).AbsoluteUri;
        var source = Citation.SourceOf(document, version);
        var path = PublicSite.VersionPath(id, version.Sequence);
        var evidence = new Evidence(source, SourceLink.Href(source), WebFormat.Exact(version.CapturedAt), WebFormat.Machine(version.CapturedAt),
            version.TextSha256, version.RawSha256, version.ChainHash, version.PreviousChainHash, $"{path}/text.md",
            version.RawSources().Select((r, i) => new Raw(r.Url, r.MediaType, r.Sha256, $"{path}/raw/{i + 1}")).ToList(),
            result.Passed,
            result.Passed ? $"Verified: the text and {WebFormat.Count(result.BlobsHashed - 1, "raw snapshot")} re-hash to the recorded SHA-256, and the chain link holds."
                          : $"Not verified: {WebFormat.Count(result.Problems.Count, "problem")} found.",
            WebFormat.Exact(result.CheckedAt), WebFormat.Machine(result.CheckedAt), result.Problems,
            Citation.Line(document, version, new Uri(permanent)), permanent,
            version.Origin == "import" ? "Imported from a saved capture" : "Captured live",
            version.IsTimestamped
                ? $"RFC 3161 token from {version.TimestampAuthority} (signer {version.TimestampSigner}, serial {version.TimestampSerial}) at {WebFormat.Exact(version.TimestampGenTime!.Value)}, over the chain hash"
                : "None recorded for this version",
            version.IsTimestamped ? $"{path}/timestamp.tsr" : null);
        var page = new View(document.PlatformName, PublicSite.PlatformPath(id.Platform), document.TermsType, PublicSite.DocumentPath(id),
            version.Sequence, document.VersionCount, WebFormat.Time(version.CapturedAt), evidence, change,
            version.Sequence > 1 ? PublicSite.VersionPath(id, version.Sequence - 1) : null,
            version.Sequence < document.VersionCount ? PublicSite.VersionPath(id, version.Sequence + 1) : null,
            version.Sequence > 1 ? PublicSite.ComparePath(id, version.Sequence - 1, version.Sequence) : null,
            body ?? "(the text blob is missing from the archive: see the verification above)")
        {
            Severity = VersionSeverity.Of(version, topics.Catalog),
            ShowingMarkdown = showMarkdown || body is null,
            MarkdownHref = $"{path}?text={MarkdownText}#text",
            RenderedHref = $"{path}#text",
        };
        if (!page.ShowingMarkdown)
        {
            var rendering = RenderedText.Render(body!);
            page = page with { Rendered = rendering.Html, PlainBecause = rendering.PlainBecause, ShowingMarkdown = rendering.Html is null };
        }
        var html = templates.Page("version", page, new PageLayout($"{document.PlatformName}: {document.TermsType}, version {version.Sequence}",
            [new Crumb("Platforms", "/"), new Crumb(document.PlatformName, page.PlatformHref), new Crumb(document.TermsType, page.DocumentHref),
             new Crumb($"Version {version.Sequence}", null)], Canonical: permanent));
        // The verification time changes on every request; what the page says otherwise does not, and that is what the tag follows.
        return CachedContent.Html(html, etagBasis: $"{version.ChainHash}|{version.TimestampGenTime:O}|{document.VersionCount}|{result.Passed}|{string.Join('|', result.Problems)}|{site.BaseUrl}|{part}|{view}|{showMarkdown}");
    }

    private static async Task<string?> SafeTextAsync(ArchiveReader reader, VersionRecord version, CancellationToken ct)
    {
        try { return await reader.TextAsync(version, ct); }
        catch (MissingSnapshotException) { return null; }
    }
}
