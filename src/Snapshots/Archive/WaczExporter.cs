using System.Reflection;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>A range of versions none of which has a WARC capture: there is nothing a WACZ could hold.</summary>
public sealed class NoWarcInRangeException(string message) : Exception(message);

/// <summary>A version of the range that is not in the WACZ, and why.</summary>
public sealed record WaczLeftOut(long Sequence, string Reason);

/// <summary>What a WACZ export wrote: the versions whose captures it holds, those left out, its index lines and pages, and any capture that did not match its records.</summary>
public sealed record WaczSummary(DocumentId Document, long From, long To, IReadOnlyList<long> Included, IReadOnlyList<WaczLeftOut> LeftOut,
    int IndexLines, int Pages, long WarcBytes, IReadOnlyList<string> Problems);

/// <summary>
/// Writes a WACZ (Web Archive Collection Zipped, spec 1.1.1) of a range of a document's versions for archivists and replay
/// (ReplayWeb.page, pywb): every WARC capture of the range (<see cref="CaptureWarc"/>) concatenated as stored into
/// <c>archive/data.warc.gz</c>, its CDXJ index (<see cref="CdxjIndex"/>, offsets from <see cref="WarcRecordOffsets"/>), a page
/// per captured response (<see cref="WaczPages"/>) and <c>datapackage.json</c> (<see cref="WaczDataPackage"/>), written by
/// <see cref="WaczWriter"/>. A version recorded before WARC capture existed (no WARC) is left out and named; a WARC blob that is
/// missing, no longer hashes to the SHA-256 its version records, or does not read as gzip WARC records is left out too and named
/// as a problem, never packed as good. A range with no WARC at all is refused (<see cref="NoWarcInRangeException"/>).
/// </summary>
public sealed class WaczExporter(EvidenceExporter evidence, SnapshotArchive archive, TimeProvider clock)
{
    public async Task<WaczSummary> ExportAsync(DocumentId id, long? from, long? to, Stream output, CancellationToken ct = default)
    {
        var (document, versions, first, last) = await evidence.RangeAsync(id, from, to, ct);
        var leftOut = versions.Where(v => !v.RawSources().Any(s => s.WarcBlob is not null))
            .Select(v => new WaczLeftOut(v.Sequence, "recorded before WARC capture existed: no WARC")).ToList();
        if (leftOut.Count == versions.Count)
            throw new NoWarcInRangeException($"{id} versions {first} to {last} have no WARC capture (recorded before WARC capture existed, or imported): there is nothing to put in a WACZ. "
                + "Export them as an evidence bundle instead (without --wacz).");

        var problems = new List<string>();
        var included = new List<long>();
        var lines = new List<string>();
        var pages = new List<WaczPage>();
        using var wacz = new WaczWriter(output);
        foreach (var version in versions)
        {
            var n = version.Sequence;
            var sources = version.RawSources();
            if (!sources.Any(s => s.WarcBlob is not null)) continue;
            var captured = 0;
            foreach (var (source, index) in sources.Select((s, i) => (s, i + 1)))
            {
                if (source.WarcBlob is not { } blob || source.WarcSha256 is not { } sha)
                {
                    problems.Add($"version {n}: source {index} ({source.Url}) has no WARC capture: not in the WACZ");
                    continue;
                }
                var records = await ReadAsync(n, blob, sha, problems, ct);
                if (records is null) continue;
                var offset = wacz.WarcLength;
                foreach (var (member, head) in records.Records)
                {
                    if (CdxjIndex.Indexes(head)) lines.Add(CdxjIndex.Line(head, offset + member.Offset, member.Length, WaczWriter.WarcName));
                    if (head is { Type: "response", TargetUri: { } url })
                        pages.Add(new WaczPage(url, head.Date, Title(document, version, sources.Count > 1 ? source.Url : null)));
                }
                await wacz.AppendWarcAsync(records.Blob, ct);
                captured++;
            }
            if (captured > 0) included.Add(n);
            else leftOut.Add(new WaczLeftOut(n, "its WARC capture does not match its records (see the problems named)"));
        }
        leftOut.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));

        await wacz.AddAsync(WaczWriter.IndexPath, CdxjIndex.Render(lines), stored: true, ct);
        await wacz.AddAsync(WaczWriter.PagesPath, WaczPages.Render(pages), stored: false, ct);
        var created = clock.GetUtcNow();
        await wacz.FinishAsync(resources => new WaczDataPackage("data-package", resources, WaczDataPackage.Version,
            $"{document.PlatformName}, {document.TermsType}: " + (first == last ? $"version {first}" : $"versions {first} to {last}"),
            Description(id, document, first, last, included, leftOut),
            pages.FirstOrDefault()?.Url, pages.FirstOrDefault()?.Ts,
            HashChain.FormatTime(created), Software), ct);
        return new WaczSummary(id, first, last, included, leftOut, lines.Count, pages.Count, wacz.WarcLength, problems);
    }

    /// <summary>The blob's records, or null (and a problem named) when it is missing, altered or not gzip WARC records.</summary>
    private async Task<WarcRecords?> ReadAsync(long sequence, string blob, string recordedSha256, List<string> problems, CancellationToken ct)
    {
        byte[] bytes;
        try { bytes = await archive.ReadAsync(blob, ct); }
        catch (MissingSnapshotException)
        {
            problems.Add($"version {sequence}: WARC blob snapshots/{blob} is missing: not in the WACZ");
            return null;
        }
        var actual = Sha256Hex.Of(bytes);
        if (actual != recordedSha256)
        {
            problems.Add($"version {sequence}: WARC blob snapshots/{blob} does not hash to its recorded SHA-256 {recordedSha256[..12]}… (it hashes to {actual[..12]}…): altered in storage, not in the WACZ");
            return null;
        }
        try
        {
            return new WarcRecords(bytes, [.. WarcRecordOffsets.Split(bytes).Select(m => (m, WarcRecordHead.Parse(m.Record, m.Offset)))]);
        }
        catch (InvalidDataException e)
        {
            problems.Add($"version {sequence}: WARC blob snapshots/{blob} does not read as gzip WARC records ({e.Message}): not in the WACZ");
            return null;
        }
    }

    private static string Title(DocumentRecord document, VersionRecord version, string? source) =>
        $"{document.PlatformName}, {document.TermsType}: version {version.Sequence} ({HashChain.FormatTime(version.CapturedAt)})" + (source is null ? "" : $", {source}");

    private static string Description(DocumentId id, DocumentRecord document, long first, long last, IReadOnlyList<long> included, IReadOnlyList<WaczLeftOut> leftOut)
    {
        var text = $"The WARC captures of {document.PlatformName}, {document.TermsType} ({id}), recorded by Snapshots, " + (first == last ? $"version {first}: " : $"versions {first} to {last}: ")
            + $"{(included.Count == 0 ? "none" : "version" + (included.Count == 1 ? " " : "s ") + string.Join(", ", included))} captured as WARC records (request, response, TLS metadata; rendered DOM and screenshot for rendered pages).";
        if (leftOut.Count > 0)
            text += " Left out: " + string.Join("; ", leftOut.GroupBy(l => l.Reason).Select(g => $"version{(g.Count() == 1 ? "" : "s")} {string.Join(", ", g.Select(l => l.Sequence))} ({g.Key})")) + ".";
        return text + " Each version's text, chain link and timestamp tokens are in its evidence bundle (snapshots export without --wacz).";
    }

    private static string Software => "Snapshots " + (typeof(WaczExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(WaczExporter).Assembly.GetName().Version?.ToString() ?? "");

    private sealed record WarcRecords(byte[] Blob, IReadOnlyList<(WarcMember Member, WarcRecordHead Head)> Records);
}
