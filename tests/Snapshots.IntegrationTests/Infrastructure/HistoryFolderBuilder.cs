using System.IO.Compression;
using System.Text;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Writes a temporary history folder: captures/&lt;time&gt;.html[.gz] and an optional declarations.json.</summary>
public sealed class HistoryFolderBuilder
{
    public HistoryFolderBuilder() => Directory.CreateDirectory(Path.Combine(Root, "captures"));

    public string Root { get; } = Directory.CreateTempSubdirectory("snapshots-history-").FullName;

    /// <summary>Adds a capture named by its UTC time (e.g. "2025-01-03T08-00-00Z").</summary>
    public HistoryFolderBuilder Capture(string time, string html, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        var file = Path.Combine(Root, "captures", time + (gzip ? ".html.gz" : ".html"));
        if (!gzip) { File.WriteAllBytes(file, bytes); return this; }
        using var output = new GZipStream(File.Create(file), CompressionLevel.Fastest);
        output.Write(bytes);
        return this;
    }

    /// <summary>Adds a combined document's capture: a folder named by its UTC time holding 1.html, 2.html... in source order.</summary>
    public HistoryFolderBuilder CombinedCapture(string time, params string[] parts)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "captures", time)).FullName;
        for (var i = 0; i < parts.Length; i++) File.WriteAllText(Path.Combine(folder, $"{i + 1}.html"), parts[i]);
        return this;
    }

    /// <summary>Writes declarations.json as given (a JSON array of OTA document declarations).</summary>
    public HistoryFolderBuilder DeclarationsJson(string json)
    {
        File.WriteAllText(Path.Combine(Root, "declarations.json"), json);
        return this;
    }

    /// <summary>Writes declarations.json: (select, validUntil) pairs, oldest first, all fetching <paramref name="url"/>.</summary>
    public HistoryFolderBuilder Declarations(string url, params (string Select, string? ValidUntil)[] declarations)
    {
        File.WriteAllText(Path.Combine(Root, "declarations.json"), System.Text.Json.JsonSerializer.Serialize(
            declarations.Select(d => new { fetch = url, select = new[] { d.Select }, validUntil = d.ValidUntil })));
        return this;
    }
}
