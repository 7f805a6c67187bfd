using System.Text;
using System.Text.Json;
using Snapshots.Archive;

namespace Snapshots.Ledger;

/// <summary>
/// The files that let anyone check a checkpoint and proofs against it with standard tools: the note, its signed text and raw
/// signature apart (for <c>openssl pkeyutl -verify -rawin</c>), its timestamp token, the log's public key (PEM), the proofs as
/// JSON and the independent proof checker (<c>verify-proof.js</c>, plain Node).
/// </summary>
internal static class CheckpointFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IReadOnlyList<ExtraBundleFile> Of(string folder, Checkpoint checkpoint, CheckpointSigner signer, IEnumerable<(string Name, InclusionProof Proof)> proofs)
    {
        var files = new List<ExtraBundleFile> { new($"{folder}checkpoint.txt", Encoding.UTF8.GetBytes(checkpoint.Note)) };
        if (SignedNote.Parse(checkpoint.Note) is { } note)
        {
            files.Add(new($"{folder}checkpoint.body", Encoding.UTF8.GetBytes(note.Body)));
            files.Add(new($"{folder}checkpoint.sig", note.Signatures[0].Signature));
        }
        if (checkpoint.Token is { } token) files.Add(new($"{folder}checkpoint.tsr", token));
        if (signer.PublicKeyPem is { } pem) files.Add(new($"{folder}public-key.pem", Encoding.UTF8.GetBytes(pem)));
        foreach (var (name, proof) in proofs) files.Add(new($"{folder}inclusion/{name}.json", JsonSerializer.SerializeToUtf8Bytes(proof, Json)));
        files.Add(new($"{folder}verify-proof.js", Script));
        return files;
    }

    public static byte[] Script
    {
        get
        {
            using var stream = typeof(CheckpointFiles).Assembly.GetManifestResourceStream("Snapshots.Ledger.verify-proof.js")
                ?? throw new InvalidOperationException("verify-proof.js is not embedded");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    /// <summary>The shell steps that check these files, run from the folder that holds them.</summary>
    public static string Steps(Checkpoint checkpoint, string proofsGlob) =>
        $"""
        # 1. The checkpoint's Ed25519 signature (the log's public key: compare public-key.pem with the one the log publishes at /log/checkpoint's site)
        openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in checkpoint.body -sigfile checkpoint.sig
        # checkpoint.body must be checkpoint.txt up to its blank line:
        head -c $(wc -c < checkpoint.body) checkpoint.txt | cmp - checkpoint.body

        # 2. Every inclusion proof, recomputed by an independent RFC 9162 script (Node, no dependencies), against the checkpoint
        for f in {proofsGlob}; do node verify-proof.js inclusion "$f" checkpoint.txt || exit 1; done

        """ + (checkpoint.Token is null
            ? "# 3. This checkpoint has no RFC 3161 timestamp token: its time is the log's own word, not an authority's.\n"
            : $"""
              # 3. The checkpoint's RFC 3161 timestamp (TSA_ROOT: the authority's root certificate, obtained from the authority itself, never from this bundle)
              openssl ts -verify -digest $(sha256sum checkpoint.txt | cut -c1-64) -in checkpoint.tsr -CAfile "$TSA_ROOT"

              """);
}
