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
        string CheckedIso, IReadOnlyList<string> Problems, string Citation, string PermanentUrl, string Origin, string Timestamp, string? TimestampHref)
    {
        /// <summary>The banner's style: "ok" only with a verified trusted time, "limited" for integrity only, "bad" for a mismatch.</summary>
        public string VerdictClass { get; init; } = "bad";
        /// <summary>The Wayback Machine's copy of the source page, when Wayback is on and the capture finished.</summary>
        public string? WaybackUrl { get; init; }
        public string? WaybackCapturedAt { get; init; }
        public string? WaybackDigest { get; init; }
    }

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
            result.Verdict.Level switch
            {
                EvidenceLevel.Mismatch => result.Verdict.Headline,
                EvidenceLevel.Timestamped => $"Verified: the text and {WebFormat.Count(result.BlobsHashed - 1, "raw file")} re-hash to the recorded SHA-256, the chain link holds, and the timestamp token verifies: {result.Verdict.Reach}",
                _ => $"Integrity only: the text and {WebFormat.Count(result.BlobsHashed - 1, "raw file")} re-hash to the recorded SHA-256 and the chain link holds, but no timestamp token vouches for the time: {result.Verdict.Reach}",
            },
            WebFormat.Exact(result.CheckedAt), WebFormat.Machine(result.CheckedAt), result.Problems,
            Citation.Line(document, version, new Uri(permanent)), permanent,
            version.Origin == "import" ? "Imported from a saved capture" : "Captured live",
            version.IsTimestamped
                ? $"RFC 3161 token from {version.TimestampAuthority} (signer {version.TimestampSigner}, serial {version.TimestampSerial}) at {WebFormat.Exact(version.TimestampGenTime!.Value)}, over the chain hash{MoreTokens(version)}"
                : "None recorded for this version",
            version.IsTimestamped ? $"{path}/timestamp.tsr" : null)
        {
            VerdictClass = result.Verdict.Level switch { EvidenceLevel.Timestamped => "ok", EvidenceLevel.Mismatch => "bad", _ => "limited" },
            WaybackUrl = SourceLink.Href(version.WaybackUrl ?? ""),
            WaybackCapturedAt = version.WaybackCapturedAt is { } waybackAt ? WebFormat.Exact(waybackAt) : null,
            WaybackDigest = version.WaybackDigest,
        };
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
        return CachedContent.Html(html, etagBasis: $"{version.ChainHash}|{version.TimestampGenTime:O}|{version.TimestampTokensJson?.Length}|{version.WaybackUrl}|{document.VersionCount}|{result.Passed}|{string.Join('|', result.Problems)}|{site.BaseUrl}|{part}|{view}|{showMarkdown}");
    }

    /// <summary>The other tokens of a long-term timestamp (other authorities, renewals), in words; empty when there are none.</summary>
    private static string MoreTokens(VersionRecord version)
    {
        var tokens = TokenRecords.TryOf(version, out _) ?? [];
        var others = tokens.Count(t => t.RenewalOf is null) - 1;
        var renewals = tokens.Count(t => t.RenewalOf is not null);
        var parts = new List<string>();
        if (others > 0) parts.Add($"{WebFormat.Count(others, "more token")} from other authorities");
        if (renewals > 0) parts.Add($"{WebFormat.Count(renewals, "renewal token")} (stamped again before the certificates expired, last at {WebFormat.Exact(tokens[^1].GenTime)})");
        return parts.Count == 0 ? "" : "; " + string.Join("; ", parts) + ", each with its certificate chain and revocation lists";
    }

    private static async Task<string?> SafeTextAsync(ArchiveReader reader, VersionRecord version, CancellationToken ct)
    {
        try { return await reader.TextAsync(version, ct); }
        catch (MissingSnapshotException) { return null; }
    }
}
