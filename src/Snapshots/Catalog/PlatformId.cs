using System.Security.Cryptography;
using System.Text;

namespace Snapshots.Catalog;

/// <summary>
/// The id (slug) of a platform, readable and stable, whatever script its name is written in: the name's slug when the
/// name is in Latin script; otherwise the name transliterated to ASCII by AnyAscii ("豆包" → "doubao", "文心一言" →
/// "wenxinyiyan"); otherwise the declaration file's name; otherwise "platform-" and a hash of the name.
/// </summary>
public static class PlatformId
{
    public enum Origin { Name, Transliteration, FileName, Hash, Numbered }

    public static (string Slug, Origin Origin) For(string name, string file)
    {
        var plain = Slug.From(name);
        if (plain.Length > 0 && !LosesLetters(name)) return (plain, Origin.Name);
        var transliterated = Slug.From(AnyAscii.Transliteration.Transliterate(name));
        if (transliterated.Length > 0) return (transliterated, Origin.Transliteration);
        if (plain.Length > 0) return (plain, Origin.Name);
        var fromFile = Slug.From(FileStem(file));
        if (fromFile.Length > 0) return (fromFile, Origin.FileName);
        return ($"platform-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8]}", Origin.Hash);
    }

    /// <summary>The declaration file's name without <c>.json</c> / <c>.history.json</c>.</summary>
    public static string FileStem(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var suffix in new[] { ".history.json", ".json" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return name[..^suffix.Length];
        return name;
    }

    public static string Describe(Origin origin) => origin switch
    {
        Origin.Name => "from its name",
        Origin.Transliteration => "transliterated from its name",
        Origin.FileName => "from its file name",
        Origin.Numbered => "numbered: its name's and its file name's ids were taken by earlier files",
        _ => "from a hash of its name",
    };

    /// <summary>True when the name has letters that a plain slug would drop (a script other than Latin).</summary>
    private static bool LosesLetters(string name)
    {
        foreach (var c in name.Normalize(NormalizationForm.FormD))
            if (char.IsLetter(c) && !char.IsAscii(c)) return true;
        return false;
    }
}
