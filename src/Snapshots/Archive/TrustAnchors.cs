using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>
/// The root certificates a timestamp authority's signer must chain to, read once from <see cref="EvidenceOptions.TrustAnchors"/>
/// (PEM files or PEM text). None configured: the operating system's roots are used.
/// </summary>
public sealed class TrustAnchors(IOptions<EvidenceOptions> options)
{
    private readonly Lazy<X509Certificate2Collection> _certificates = new(() => Load(options.Value.TrustAnchors));

    /// <summary>The configured roots; empty when the system roots are used.</summary>
    public X509Certificate2Collection Certificates => _certificates.Value;

    public bool UsesSystemRoots => Certificates.Count == 0;

    public string Describe() => UsesSystemRoots
        ? "the operating system's root certificates"
        : $"{Certificates.Count} configured trust anchor(s): {string.Join(", ", Certificates.Select(c => c.GetNameInfo(X509NameType.SimpleName, false)))}";

    private static X509Certificate2Collection Load(IReadOnlyList<string> entries)
    {
        var collection = new X509Certificate2Collection();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0) continue;
            var where = $"{EvidenceOptions.Section}:{nameof(EvidenceOptions.TrustAnchors)}:{i}";
            string pem;
            if (entry.StartsWith("-----BEGIN", StringComparison.Ordinal)) pem = entry;
            else if (File.Exists(entry)) pem = File.ReadAllText(entry);
            else throw new EvidenceConfigurationException($"{where}: '{entry}' is neither PEM text nor an existing PEM file.");
            var before = collection.Count;
            try { collection.ImportFromPem(pem); }
            catch (System.Security.Cryptography.CryptographicException e) { throw new EvidenceConfigurationException($"{where}: not a PEM certificate: {e.Message}"); }
            if (collection.Count == before) throw new EvidenceConfigurationException($"{where}: holds no certificate.");
        }
        return collection;
    }
}

/// <summary>The Evidence settings cannot be used as written; the message names the setting.</summary>
public sealed class EvidenceConfigurationException(string message) : Exception(message);
