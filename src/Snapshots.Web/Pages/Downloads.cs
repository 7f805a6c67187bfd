using Microsoft.AspNetCore.Http;
using Snapshots.Archive;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>The archived bytes of a version, as stored: its text (<c>text.md</c>) and each raw snapshot (<c>raw/{i}</c>). They never change.</summary>
public static class Downloads
{
    public static async Task<IResult> TextAsync(string platform, string type, long sequence, ArchiveReader reader, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        if (version is null) return Results.NotFound();
        return await BlobAsync(reader, version.TextBlob, "text/markdown; charset=utf-8", $"{platform}-{type}-v{sequence}-{version.TextSha256[..12]}.md", ct);
    }

    public static async Task<IResult> RawAsync(string platform, string type, long sequence, int index, ArchiveReader reader, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        var sources = version?.RawSources() ?? [];
        if (index < 1 || index > sources.Count) return Results.NotFound();
        var source = sources[index - 1];
        var extension = Path.GetExtension(source.Blob);
        // Served as a download, never rendered: a captured page is the platform's markup, not ours.
        return await BlobAsync(reader, source.Blob, source.MediaType.Contains("pdf", StringComparison.OrdinalIgnoreCase) ? "application/pdf" : "application/octet-stream",
            $"{platform}-{type}-v{sequence}-source{index}-{source.Sha256[..12]}{extension}", ct);
    }

    /// <summary>The RFC 3161 time-stamp token of a version, as the authority sent it (named by the chain hash it covers).</summary>
    public static async Task<IResult> TimestampAsync(string platform, string type, long sequence, ArchiveReader reader, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        if (document is null || version is null || !version.IsTimestamped) return Results.NotFound();
        return await BlobAsync(reader, SnapshotArchive.TimestampBlobName(document.Id, version.ChainHash), "application/timestamp-reply",
            $"{platform}-{type}-v{sequence}-{version.ChainHash[..12]}.tsr", ct);
    }

    private static async Task<IResult> BlobAsync(ArchiveReader reader, string blob, string contentType, string fileName, CancellationToken ct)
    {
        try
        {
            var bytes = await reader.BlobAsync(blob, ct);
            return new AttachmentResult(new CachedContent(bytes, contentType, CachePolicies.Immutable), fileName);
        }
        catch (MissingSnapshotException)
        {
            return Results.Problem($"The archived blob snapshots/{blob} is missing.", statusCode: StatusCodes.Status410Gone);
        }
    }

    private sealed class AttachmentResult(CachedContent content, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return content.ExecuteAsync(httpContext);
        }
    }
}
