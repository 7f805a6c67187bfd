using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// One saved raw capture of a history folder: <c>captures/YYYY-MM-DDTHH-MM-SSZ[-N].html|.html.gz|.pdf|.txt</c>
/// (any of them may be gzip-compressed with a <c>.gz</c> suffix). The N-th capture within one second is placed N-1
/// milliseconds after it, so that captures keep their order and each has its own time.
/// </summary>
public sealed partial record HistoryCapture(string File, string Name, DateTimeOffset CapturedAt, string MediaType, bool Compressed)
{
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
        return true;
    }

    /// <summary>The raw bytes as captured (decompressed).</summary>
    public byte[] ReadBytes()
    {
        try
        {
            if (!Compressed) return System.IO.File.ReadAllBytes(File);
            using var input = new GZipStream(System.IO.File.OpenRead(File), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new HistoryImportException($"{File}: cannot be read: {e.Message}");
        }
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)(-(?<n>[1-9]\d*))?\.(?<ext>html?|xhtml|pdf|txt)(?<gz>\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex CaptureName();
}
