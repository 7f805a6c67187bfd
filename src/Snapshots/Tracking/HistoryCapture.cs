using System.Globalization;
using System.Text.RegularExpressions;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// One saved raw capture of a history folder: <c>captures/YYYY-MM-DDTHH-MM-SSZ[-N].html|.html.gz|.pdf|.txt</c>
/// (any of them may be gzip-compressed with a <c>.gz</c> suffix). The N-th capture within one second is placed N-1
/// milliseconds after it, so that captures keep their order and each has its own time.
/// A combined document's capture is a folder of that name holding one file per source, numbered in the declaration's
/// order: <c>captures/YYYY-MM-DDTHH-MM-SSZ/1.html</c>, <c>2.html</c>, ... (see <see cref="Parts"/>).
/// </summary>
public sealed partial record HistoryCapture(string File, string Name, DateTimeOffset CapturedAt, string MediaType, bool Compressed)
{
    /// <summary>The saved page of each source, in source order: the capture itself, or the numbered files of its folder.</summary>
    public IReadOnlyList<HistoryCapture> Parts { get; private init; } = [];

    /// <summary>A combined capture: a folder named like a capture, with files <c>1.html</c>, <c>2.html.gz</c>, <c>3.pdf</c>... numbered from 1 without gaps.</summary>
    public static bool TryParseFolder(string folder, out HistoryCapture capture, out string? problem)
    {
        capture = null!;
        problem = null;
        if (!TryParse(Path.Combine(Path.GetDirectoryName(folder) ?? "", Path.GetFileName(folder) + ".html"), out var named)) return false;
        var parts = new SortedDictionary<int, HistoryCapture>();
        foreach (var file in Directory.GetFiles(folder))
        {
            if (Path.GetFileName(file).StartsWith('.')) continue;
            var match = PartName().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                problem = $"{file}: is not a part of a combined capture: expected 1.html, 2.html, ... (or .html.gz, .pdf, .txt), one per source in declaration order.";
                return true;
            }
            if (!parts.TryAdd(number, new HistoryCapture(file, $"{named.Name}/{number}", named.CapturedAt,
                    MediaTypes.FromExtension(match.Groups["ext"].Value), match.Groups["gz"].Success)))
            {
                problem = $"{file}: part {number} is there twice.";
                return true;
            }
        }
        if (parts.Count == 0 || parts.Keys.Last() != parts.Count)
        {
            problem = $"{folder}: a combined capture needs its parts numbered 1 to N without gaps (found {(parts.Count == 0 ? "none" : string.Join(", ", parts.Keys))}).";
            return true;
        }
        capture = named with { File = folder, MediaType = parts[1].MediaType, Compressed = false, Parts = parts.Values.ToList() };
        return true;
    }

    /// <summary>The capture's name without extension, e.g. 2024-05-08T06-30-03Z or 2024-05-08T06-30-03Z-2.</summary>
    public static bool TryParse(string file, out HistoryCapture capture)
    {
        capture = null!;
        var match = CaptureName().Match(Path.GetFileName(file));
        if (!match.Success) return false;
        var time = DateTimeOffset.ParseExact(match.Groups["time"].Value, "yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var index = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
        var name = match.Groups["time"].Value + (match.Groups["n"].Success ? "-" + match.Groups["n"].Value : "");
        capture = new HistoryCapture(file, name, time.AddMilliseconds(index - 1), MediaTypes.FromExtension(match.Groups["ext"].Value), match.Groups["gz"].Success);
        capture = capture with { Parts = [capture] };
        return true;
    }

    /// <summary>The most bytes a capture may have, decompressed: what a live fetch takes by default (Fetch:MaxBodyBytes).</summary>
    public static readonly long MaxBytes = new FetchOptions().MaxBodyBytes;

    /// <summary>The raw bytes as captured (decompressed); only a regular file, at most <see cref="MaxBytes"/> (see <see cref="RegularFile"/>).</summary>
    public byte[] ReadBytes()
    {
        try
        {
            return Compressed
                ? RegularFile.ReadGzipBytes(File, MaxBytes, "a capture")
                : RegularFile.ReadBytes(File, MaxBytes, "a capture");
        }
        catch (FileRefusedException e)
        {
            throw new HistoryImportException(e.Message);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new HistoryImportException($"{File}: cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Refuses, before anything is imported, a part that is not a regular file or is larger than <see cref="MaxBytes"/>
    /// (a gzip capture is decompressed to count, its bytes thrown away), so that a bad capture never stops an import half-way.
    /// </summary>
    public void Validate()
    {
        foreach (var part in Parts)
        {
            if (part.Compressed) _ = part.ReadBytes();
            else
            {
                try { RegularFile.Check(part.File, MaxBytes, "a capture"); }
                catch (FileRefusedException e) { throw new HistoryImportException(e.Message); }
            }
        }
    }

    [GeneratedRegex(@"^(?<n>\d+)\.(?<ext>html?|xhtml|pdf|txt)(?<gz>\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PartName();

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(-(?<n>[1-9]\d*))?\.(?<ext>html?|xhtml|pdf|txt)(?<gz>\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex CaptureName();
}
