using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away certificate authority for HTTPS on loopback: a self-signed root (written as PEM to <see cref="RootFile"/>, which
/// tests hand to the fetcher as its only trusted root through <c>Fetch:TrustedRootCertificates</c>) and a server certificate
/// for 127.0.0.1 that it signed. Nothing turns certificate validation off.
/// </summary>
public sealed class TestCertificateAuthority
{
    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 server, string rootFile)
    {
        Root = root;
        Server = server;
        RootFile = rootFile;
    }

    public X509Certificate2 Root { get; }
    /// <summary>The server's certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }
    public string RootFile { get; }

    public static TestCertificateAuthority Create()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Snapshots Test Root CA", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = serverRequest.Create(root, now.AddDays(-1), now.AddDays(29), serial);
        // Kestrel needs the key in a certificate it can use on every platform: a PKCS#12 round trip.
        var server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);

        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-test-ca-").FullName, "root.pem");
        File.WriteAllText(file, root.ExportCertificatePem());
        return new TestCertificateAuthority(root, server, file);
    }
}
