using System.Globalization;

namespace Snapshots.Archive;

/// <summary>
/// Where each file of an evidence bundle lives (paths inside the zip, always with '/'). A bundle is a BagIt bag (RFC 8493) at the
/// zip's root: the tag files <c>bagit.txt</c>, <c>bag-info.txt</c>, <c>manifest-sha256.txt</c>, <c>tagmanifest-sha256.txt</c>,
/// <c>VERIFY.md</c> and <c>CERTIFICATE.md</c>, and the payload under <c>data/</c>. Bundles written before the bag (manifest
/// format <c>snapshots-evidence/1</c>) have the same files at the root and <c>SHA256SUMS</c>; <see cref="BundleVerifier"/> reads both.
/// </summary>
internal static class EvidenceBundleLayout
{
    public const string Payload = "data/";
    public const string BagDeclaration = "bagit.txt";
    public const string BagInfo = "bag-info.txt";
    public const string BagManifest = "manifest-sha256.txt";
    public const string TagManifest = "tagmanifest-sha256.txt";
    public const string Certificate = "CERTIFICATE.md";
    public const string Instructions = "VERIFY.md";

    public const string Manifest = Payload + "manifest.json";
    public const string Citations = Payload + "citations.txt";
    public const string Declaration = Payload + "declaration.json";
    public const string AuthorityCertificates = Payload + "tsa/certs.pem";
    public const string TrustAnchors = Payload + "tsa/trust-anchors.pem";

    /// <summary>The files of a bundle written before the bag: manifest and checksums at the zip's root.</summary>
    public const string FlatManifest = "manifest.json";
    public const string FlatChecksums = "SHA256SUMS";

    /// <summary>Used by VERIFY.md when no trust anchor was configured: the Debian/Ubuntu system bundle.</summary>
    public const string SystemRoots = "/etc/ssl/certs/ca-certificates.crt";

    public static string Folder(long sequence) => $"{Payload}versions/{sequence.ToString("D6", CultureInfo.InvariantCulture)}/";
    /// <summary>A version's text inside its folder.</summary>
    public const string TextFile = "text.md";

    public static string Text(long sequence) => Folder(sequence) + TextFile;
    public static string Chain(long sequence) => Folder(sequence) + "chain.txt";
    public static string Timestamp(long sequence) => Folder(sequence) + "timestamp.tsr";
    public static string Raw(long sequence, int index, string blobName) => Folder(sequence) + $"raw-{index}{Path.GetExtension(blobName)}";
    public static string Warc(long sequence, int index) => Folder(sequence) + $"capture-{index}.{CaptureWarc.Extension}";

    /// <summary>
    /// The exact bytes whose SHA-256 is a format-1 version's chain hash: previous chain hash, text SHA-256 and capture time, one
    /// per line, no final newline; a format-2 or 3 version's adds its evidence line (see <see cref="HashChain.InputOf"/>).
    /// </summary>
    public static string ChainInput(string previousChainHash, string textSha256, DateTimeOffset capturedAt) =>
        HashChain.Input(previousChainHash, textSha256, capturedAt);
}
