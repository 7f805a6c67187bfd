using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Ledger;

/// <summary>What an attestation holds: the document, the window, its checks and versions, the text hashes served, the checkpoint.</summary>
public sealed record AttestationSummary(DocumentId Document, DateTimeOffset From, DateTimeOffset To, int Checks, int Versions,
    IReadOnlyList<string> TextSha256s, long CheckpointSize, bool Timestamped, int Files);

/// <summary>An attestation that cannot be made: no leaf in the window, or the leaves are not yet in a signed checkpoint.</summary>
public sealed class AttestationException(string message) : Exception(message);

/// <summary>
/// <c>snapshots attest</c>: a zip proving which text a document served at each check in a window. Every leaf of the document
/// in the window (each check that found the text unchanged, each version recorded) with its inclusion proof against the latest
/// signed checkpoint, the checkpoint with its signed text, signature, timestamp token and the log's public key, the proof
/// checker, <c>attestation.json</c>, <c>README.md</c> (what it proves and what it does not) and <c>VERIFY.md</c>, all listed in SHA256SUMS.
/// </summary>
public sealed class AttestationExporter(TransparencyLog log, LogProofs proofs, CheckpointSigner signer, TimeProvider clock)
{
    public async Task<AttestationSummary> ExportAsync(DocumentId document, DateTimeOffset from, DateTimeOffset to, Stream output, CancellationToken ct = default)
    {
        if (to < from) throw new FormatException($"--from {LogLeaf.FormatTime(from)} is after --to {LogLeaf.FormatTime(to)}");
        var checkpoint = await log.LatestCheckpointAsync(ct)
            ?? throw new AttestationException("the transparency log has no signed checkpoint yet (set Log__SigningKey and let the sequencer run: snapshots run, or snapshots log sequence)");
        var leaves = new List<(StoredLeaf Stored, LogLeaf Leaf)>();
        foreach (var stored in await log.LeavesAsync(0, checkpoint.Size, ct))
            if (LogLeaf.Parse(stored.Data) is { } leaf && leaf.Document == document && leaf.Time >= from && leaf.Time <= to) leaves.Add((stored, leaf));
        var later = (await log.LeavesAsync(checkpoint.Size, ct: ct)).Count(l => LogLeaf.Parse(l.Data) is { } leaf && leaf.Document == document && leaf.Time >= from && leaf.Time <= to);
        if (leaves.Count == 0)
            throw new AttestationException(later > 0
                ? $"the {later} checks of {document} in that window are not in a signed checkpoint yet: let the sequencer run first"
                : $"the transparency log holds no check or version of {document} between {LogLeaf.FormatTime(from)} and {LogLeaf.FormatTime(to)}");

        var made = await proofs.InclusionsAsync(leaves.Select(l => l.Stored), checkpoint.Size, ct);
        var files = CheckpointFiles.Of("", checkpoint, signer, leaves.Select((l, i) => ($"{l.Stored.Index:D12}", made[i]))).ToList();
        var texts = leaves.Select(l => l.Leaf.TextSha256).Distinct().ToList();
        var summary = new AttestationSummary(document, from, to, leaves.Count(l => l.Leaf.Kind == LeafKind.Check), leaves.Count(l => l.Leaf.Kind == LeafKind.Version),
            texts, checkpoint.Size, checkpoint.Token is not null, 0);
        var entries = leaves.Select(l => new
        {
            index = l.Stored.Index, kind = l.Leaf.Kind == LeafKind.Check ? "check" : "version", time = LogLeaf.FormatTime(l.Leaf.Time), textSha256 = l.Leaf.TextSha256,
            sequence = l.Leaf.Sequence, proof = $"inclusion/{l.Stored.Index:D12}.json",
        });
        files.Add(new ExtraBundleFile("attestation.json", JsonSerializer.SerializeToUtf8Bytes(new
        {
            document = document.ToString(), from = LogLeaf.FormatTime(from), to = LogLeaf.FormatTime(to), made = LogLeaf.FormatTime(clock.GetUtcNow()),
            textSha256s = texts, checkpoint = new { size = checkpoint.Size, time = LogLeaf.FormatTime(checkpoint.Time), timestamped = checkpoint.Token is not null },
            leaves = entries,
        }, CheckpointFiles.Json)));
        files.Add(new ExtraBundleFile("README.md", Encoding.UTF8.GetBytes(Readme(document, from, to, leaves, texts, checkpoint))));
        files.Add(new ExtraBundleFile("VERIFY.md", Encoding.UTF8.GetBytes(
            $"# Verifying this attestation\n\nFrom the unzipped folder:\n\n```sh\n# 0. Every file is as written\nsha256sum -c SHA256SUMS\n\n{CheckpointFiles.Steps(checkpoint, "inclusion/*.json")}```\n\n"
            + "Each `inclusion/*.json` holds its leaf's text (`leaf`): the document, the kind (`check` or `version`), the time and the SHA-256 of the text served. "
            + "The text itself is in the archive and in `snapshots export`; its SHA-256 is what this bundle proves.\n")));
        var sums = string.Concat(files.Select(f => $"{Sha256Hex.Of(f.Bytes)}  {f.Path}\n"));
        files.Add(new ExtraBundleFile("SHA256SUMS", Encoding.UTF8.GetBytes(sums)));

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in files)
            {
                await using var stream = zip.CreateEntry(file.Path, CompressionLevel.Optimal).Open();
                await stream.WriteAsync(file.Bytes, ct);
            }
        return summary with { Files = files.Count };
    }

    private static string Readme(DocumentId document, DateTimeOffset from, DateTimeOffset to, List<(StoredLeaf Stored, LogLeaf Leaf)> leaves, List<string> texts, Checkpoint checkpoint)
    {
        var text = new StringBuilder();
        text.Append($"# Attestation: {document} from {LogLeaf.FormatTime(from)} to {LogLeaf.FormatTime(to)}\n\n");
        text.Append(texts.Count == 1
            ? $"At each of the {leaves.Count} entries below, Snapshots received the same text, SHA-256 `{texts[0]}`.\n\n"
            : $"The text changed within this window: {texts.Count} different texts were served (see each entry's SHA-256).\n\n");
        text.Append("| leaf | kind | time (UTC) | text SHA-256 |\n|---|---|---|---|\n");
        foreach (var (stored, leaf) in leaves)
            text.Append($"| {stored.Index} | {(leaf.Kind == LeafKind.Check ? "check, unchanged" : $"version {leaf.Sequence}")} | {LogLeaf.FormatTime(leaf.Time)} | `{leaf.TextSha256}` |\n");
        text.Append($"\nEvery entry is a leaf of the Snapshots transparency log (RFC 9162 Merkle tree), included in the checkpoint of size {checkpoint.Size} "
            + $"signed by the log's Ed25519 key at {LogLeaf.FormatTime(checkpoint.Time)}");
        text.Append(checkpoint.Token is null
            ? ". That checkpoint has no RFC 3161 timestamp: its time is the log's own statement.\n"
            : $", and timestamped by an RFC 3161 authority (`checkpoint.tsr`).\n");
        text.Append("\n## What this proves, and what it does not\n\n"
            + "- It proves that these entries were in the log when the checkpoint was signed, and that the log cannot drop or change them later without its "
            + "checkpoints (and their consistency proofs) showing it.\n"
            + "- It proves what Snapshots received from the document's address at those times, as its text hash; not what the server sent to others, "
            + "nor anything between two checks.\n"
            + "- Its trust rests on the log's public key (compare `public-key.pem` with the one the log publishes) and, for time, on the timestamp authority's "
            + "root certificate, which the verifier obtains from the authority itself.\n");
        return text.ToString();
    }
}
