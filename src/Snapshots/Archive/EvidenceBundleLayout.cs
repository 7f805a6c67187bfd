using System.Globalization;

namespace Snapshots.Archive;

/// <summary>Where each file of an evidence bundle lives (paths inside the zip, always with '/').</summary>
internal static class EvidenceBundleLayout
{
    public const string Manifest = "manifest.json";
    public const string Instructions = "VERIFY.md";
    public const string Checksums = "SHA256SUMS";
    public const string Citations = "citations.txt";
    public const string Declaration = "declaration.json";
    public const string AuthorityCertificates = "tsa/certs.pem";
    public const string TrustAnchors = "tsa/trust-anchors.pem";
    /// <summary>Used by VERIFY.md when no trust anchor was configured: the Debian/Ubuntu system bundle.</summary>
    public const string SystemRoots = "/etc/ssl/certs/ca-certificates.crt";

    public static string Folder(long sequence) => $"versions/{sequence.ToString("D6", CultureInfo.InvariantCulture)}/";
    public static string Text(long sequence) => Folder(sequence) + "text.md";
    public static string Chain(long sequence) => Folder(sequence) + "chain.txt";
    public static string Timestamp(long sequence) => Folder(sequence) + "timestamp.tsr";
    public static string Raw(long sequence, int index, string blobName) => Folder(sequence) + $"raw-{index}{Path.GetExtension(blobName)}";

    /// <summary>
    /// The exact bytes whose SHA-256 is a format-1 version's chain hash: previous chain hash, text SHA-256 and capture time, one
    /// per line, no final newline; a format-2 version's adds its evidence line (see <see cref="HashChain.InputOf"/>).
    /// </summary>
    public static string ChainInput(string previousChainHash, string textSha256, DateTimeOffset capturedAt) =>
        HashChain.Input(previousChainHash, textSha256, capturedAt);
}
