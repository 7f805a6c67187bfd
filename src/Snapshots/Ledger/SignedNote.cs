using System.Globalization;

namespace Snapshots.Ledger;

/// <summary>One signature line of a signed note: the key's name, its 4-byte id and the signature.</summary>
public sealed record NoteSignature(string Name, byte[] KeyId, byte[] Signature);

/// <summary>
/// A C2SP signed note split into its text (<see cref="Body"/>, every line ending in a newline) and its signature lines, and a
/// checkpoint read from its text: origin, tree size, base64 root hash, then (an extension line) the time it was made.
/// </summary>
public sealed record SignedNote(string Body, IReadOnlyList<NoteSignature> Signatures)
{
    public static SignedNote? Parse(string note)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n')) return null;
        var body = note[..(split + 1)];
        var signatures = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..].Split('\n')[..^1])
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "\u2014") return null;
            byte[] blob;
            try { blob = Convert.FromBase64String(parts[2]); }
            catch (FormatException) { return null; }
            if (blob.Length != 68) return null;
            signatures.Add(new NoteSignature(parts[1], blob[..4], blob[4..]));
        }
        return signatures.Count == 0 ? null : new SignedNote(body, signatures);
    }
}

/// <summary>A checkpoint's text: origin, size, root (the C2SP tlog-checkpoint lines), then the time as an extension line.</summary>
public sealed record CheckpointBody(string Origin, long Size, byte[] Root, DateTimeOffset Time)
{
    public string Text => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\ntime {LogLeaf.FormatTime(Time)}\n";

    public static CheckpointBody? Parse(string body)
    {
        var lines = body.Split('\n');
        if (lines.Length != 5 || lines[4] != "" || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return null;
        byte[] root;
        try { root = Convert.FromBase64String(lines[2]); }
        catch (FormatException) { return null; }
        if (root.Length != 32 || !lines[3].StartsWith("time ", StringComparison.Ordinal)) return null;
        if (!DateTimeOffset.TryParseExact(lines[3][5..], "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;
        return new CheckpointBody(lines[0], size, root, time);
    }
}
