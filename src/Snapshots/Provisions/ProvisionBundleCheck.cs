using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Snapshots.Archive;
using Snapshots.Text;

namespace Snapshots.Provisions;

/// <summary>
/// <c>verify --bundle</c>'s check of a bag's provision texts (<see cref="ProvisionBundleLayout"/>), the same as its VERIFY.md step
/// and stricter: each <c>provisions.json</c> is read only within <see cref="ProvisionBundleLayout.MaxIndexBytes"/> and
/// <see cref="ProvisionBundleLayout.MaxProvisions"/>; it names its own <c>text.md</c>'s SHA-256; each provision has a valid id,
/// listed once, a range of bytes inside <c>text.md</c>, after the provision before it (none overlap), whose bytes hash to its
/// recorded SHA-256, and its file <c>provisions/{id}.txt</c> hashes to the same; and no file under <c>provisions/</c> is unlisted.
/// Every problem names the file and the provision.
/// </summary>
internal sealed partial class ProvisionBundleCheck : IBundleCheck
{
    public void Check(BundleContents bag, Action<string> problem)
    {
        var indexes = bag.Paths.Where(p => IndexPath().IsMatch(p)).Order(StringComparer.Ordinal).ToList();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in indexes) CheckVersion(bag, index, listed, problem);
        foreach (var extra in bag.Paths.Where(p => ProvisionFile().IsMatch(p) && !listed.Contains(p)).Order(StringComparer.Ordinal))
            problem($"{extra} is not listed in its version's {ProvisionBundleLayout.Index}");
    }

    private static void CheckVersion(BundleContents bag, string index, HashSet<string> listed, Action<string> problem)
    {
        var folder = index[..^ProvisionBundleLayout.Index.Length];
        void Problem(string what) => problem($"{index}: {what}");
        var length = bag.LengthOf(index) ?? 0;
        if (length > ProvisionBundleLayout.MaxIndexBytes)
        {
            Problem($"is {length:N0} bytes, more than the {ProvisionBundleLayout.MaxIndexBytes:N0} a provisions list may be: not read, none of its provisions is checked");
            MarkListed(bag, folder, listed);
            return;
        }
        var textPath = folder + EvidenceBundleLayout.TextFile;
        var text = bag.Read(textPath, ProvisionBundleLayout.MaxTextBytes);
        if (text is null)
        {
            Problem(bag.Has(textPath) ? $"its {textPath} is more than {ProvisionBundleLayout.MaxTextBytes:N0} bytes: its provisions are not checked" : $"its {textPath} is missing");
            MarkListed(bag, folder, listed);
            return;
        }
        JsonElement provisions;
        try
        {
            using var json = JsonDocument.Parse(bag.Read(index, ProvisionBundleLayout.MaxIndexBytes)!, new JsonDocumentOptions { MaxDepth = 8 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("provisions", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new JsonException("it has no \"provisions\" list");
            if (String(root, "format") != ProvisionBundleLayout.Format) throw new JsonException($"its format is not {ProvisionBundleLayout.Format}");
            if (String(root, "textSha256") is not { } textSha || textSha != bag.Sha256Of(textPath))
                Problem($"names text SHA-256 '{String(root, "textSha256")}', but {textPath} hashes to {bag.Sha256Of(textPath)}");
            if (list.GetArrayLength() > ProvisionBundleLayout.MaxProvisions)
            {
                Problem($"lists {list.GetArrayLength():N0} provisions, more than the {ProvisionBundleLayout.MaxProvisions:N0} a version may have: none is checked");
                MarkListed(bag, folder, listed);
                return;
            }
            provisions = list.Clone();
        }
        catch (JsonException e)
        {
            Problem($"is not a provisions list: {e.Message}");
            MarkListed(bag, folder, listed);
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        long previousEnd = 0;
        var n = 0;
        foreach (var entry in provisions.EnumerateArray())
        {
            n++;
            var id = String(entry, "id");
            var validId = id is not null && ProvisionId.IsValid(id);
            var slug = String(entry, "slug");
            var label = !validId ? $"provision #{n}" : slug is not null && SlugPattern().IsMatch(slug) ? $"provision {id} ({slug})" : $"provision {id}";
            void Bad(string what) => problem($"{index}: {label}: {what}");
            if (entry.ValueKind != JsonValueKind.Object) { Bad("is not an object"); continue; }
            if (!validId) { Bad("has no valid id (v{version}-p{ordinal})"); continue; }
            if (!ids.Add(id!)) { Bad("is listed twice"); continue; }
            var sha = String(entry, "sha256");
            if (sha is null || !Sha256Pattern().IsMatch(sha)) { Bad("has no SHA-256 (64 lower-case hex digits)"); continue; }
            var file = folder + ProvisionBundleLayout.FileOf(id!);
            listed.Add(file);
            if (String(entry, "file") != ProvisionBundleLayout.FileOf(id!)) Bad($"its file is not {ProvisionBundleLayout.FileOf(id!)}");
            if (bag.Sha256Of(file) is not { } fileSha) Bad($"{file} is missing");
            else if (fileSha != sha) Bad($"{file} does not hash to its recorded SHA-256 {sha}: it is not the provision's text");

            if (!Integer(entry, "start", out var start) || !Integer(entry, "end", out var end)) { Bad("has no whole-number start and end"); continue; }
            var range = string.Create(CultureInfo.InvariantCulture, $"bytes {start} to {end}");
            if (start < 0 || end < start) { Bad($"{range} is not a range (start from 0, end not before start)"); continue; }
            if (end > text.LongLength) { Bad($"{range} end past the {text.LongLength:N0} bytes of {textPath}"); continue; }
            if (start < previousEnd) Bad($"{range} overlap the provision before it, which ends at byte {previousEnd}");
            previousEnd = Math.Max(previousEnd, end);
            if (Sha256Hex.Of(text.AsSpan((int)start, (int)(end - start))) != sha)
                Bad($"{range} of {textPath} do not hash to its recorded SHA-256 {sha}: {file} is not that part of the text");
        }
    }

    /// <summary>A list that is not checked leaves its files unnamed as extras: its own problem names it.</summary>
    private static void MarkListed(BundleContents bag, string folder, HashSet<string> listed)
    {
        foreach (var path in bag.Paths.Where(p => p.StartsWith(folder + ProvisionBundleLayout.Folder, StringComparison.Ordinal))) listed.Add(path);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Integer(JsonElement element, string name, out long value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt64(out value);
    }

    [GeneratedRegex(@"^data/versions/[0-9]{6}/provisions\.json$")]
    private static partial Regex IndexPath();

    [GeneratedRegex(@"^data/versions/[0-9]{6}/provisions/")]
    private static partial Regex ProvisionFile();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
