using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>The one-line citation a lawyer can paste: platform, document, version, capture time, source, hash, archive blob and trusted timestamp.</summary>
public static class Citation
{
    /// <summary>Where the version was fetched from: its first recorded source, else the document's first declared URL.</summary>
    public static string SourceOf(DocumentRecord document, VersionRecord version) =>
        version.RawSources().FirstOrDefault()?.Url ?? document.SourceUrls.FirstOrDefault() ?? "";

    /// <summary>
    /// With the version page's permanent address (<see cref="PublicSite.VersionUrl"/>), the line points at that page instead of
    /// naming the internal archive blob: what an alert's "Cite as" and the version page show.
    /// </summary>
    public static string Line(DocumentRecord document, VersionRecord version, Uri permanentUrl)
    {
        var source = SourceOf(document, version);
        return $"{document.PlatformName}, {document.TermsType}, version {version.Sequence}, captured {HashChain.FormatTime(version.CapturedAt)} from {source}; " +
               $"SHA-256 {version.TextSha256}; chain {version.ChainHash[..16]}; archived at {permanentUrl}{Timestamp(version)}{Wayback(version)}";
    }

    /// <summary>"; timestamped by X at T" when an RFC 3161 token is recorded on the version, else nothing.</summary>
    public static string Timestamp(VersionRecord version) => version.TimestampGenTime is { } time
        ? $"; timestamped by {version.TimestampSigner} at {HashChain.FormatTime(time)}"
        : "";

    /// <summary>"; Wayback Machine copy URL (captured T)" when the Wayback Machine's capture is recorded, else nothing.</summary>
    public static string Wayback(VersionRecord version) => version.WaybackUrl is { } url
        ? $"; Wayback Machine copy {url}{(version.WaybackCapturedAt is { } at ? $" (captured {HashChain.FormatTime(at)})" : "")}"
        : "";

    public static string Line(DocumentRecord document, VersionRecord version)
    {
        var source = SourceOf(document, version);
        return $"{document.PlatformName}, {document.TermsType}, version {version.Sequence}, captured {HashChain.FormatTime(version.CapturedAt)} from {source}; " +
               $"SHA-256 {version.TextSha256}; archived as snapshots/{version.TextBlob}; chain {version.ChainHash[..16]}{Timestamp(version)}{Wayback(version)}.";
    }
}
