using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Where a <see cref="LoopbackCrlAuthority"/>'s TSA certificate sends OCSP clients (its Authority Information Access).</summary>
public enum OcspRoute
{
    /// <summary>No OCSP responder is named.</summary>
    None,
    /// <summary>Straight to the <c>openssl ocsp</c> responder (<see cref="LoopbackOcspResponder"/>).</summary>
    Responder,
    /// <summary>To the authority's own server (<c>/ocsp</c>), which relays to the responder unless told to misbehave (<see cref="LoopbackCrlAuthority.OcspFault"/>).</summary>
    Relay,
}

/// <summary>How the relay (<see cref="OcspRoute.Relay"/>) misbehaves.</summary>
public enum OcspFault { None, Oversized, Slow }

/// <summary>
/// An RFC 3161 authority on 127.0.0.1 (<c>openssl ts -reply</c>) with its own root CA (<c>openssl ca</c>, named
/// <paramref name="name"/>) whose TSA certificate names a CRL distribution point on the same server (<c>/crl</c>, a CRL made
/// by <c>openssl ca -gencrl</c>) and, when asked, an OCSP responder (<c>openssl ocsp</c>, <see cref="LoopbackOcspResponder"/>,
/// answering with a delegated responder certificate the CA issued). The signer can be revoked, the CRL made to expire at once
/// or withheld (404), the responder stopped, or its relay made to answer too much or too slowly.
/// </summary>
public sealed class LoopbackCrlAuthority : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SemaphoreSlim _openssl = new(1, 1);
    private WebApplication? _app;
    private readonly bool _crl;
    private readonly OcspRoute _ocsp;

    private LoopbackCrlAuthority(string folder, string name, bool crl, OcspRoute ocsp)
    {
        _folder = folder;
        Name = name;
        _crl = crl;
        _ocsp = ocsp;
    }

    /// <summary>The OCSP responder, when the TSA certificate names one.</summary>
    public LoopbackOcspResponder? Responder { get; private set; }
    /// <summary>The URL the TSA certificate names for OCSP.</summary>
    public Uri? OcspUrl => _ocsp switch { OcspRoute.Responder => Responder!.Url, OcspRoute.Relay => new($"http://127.0.0.1:{Port}/ocsp"), _ => null };
    /// <summary>How the relay answers (only with <see cref="OcspRoute.Relay"/>).</summary>
    public OcspFault OcspFault { get; set; }
    public int OcspRequests;
    public string Folder => _folder;

    public string Name { get; }
    public string SignerName => $"{Name} TSA";
    public int Port { get; private set; }
    public Uri Url => new($"http://127.0.0.1:{Port}/tsa");
    public Uri CrlUrl => new($"http://127.0.0.1:{Port}/crl");
    public string RootCertificateFile => Path.Combine(_folder, "ca.pem");
    /// <summary>Answer 404 for the CRL.</summary>
    public bool WithholdCrl { get; set; }
    public int CrlRequests;

    /// <param name="signerDays">The TSA certificate's validity in days (short: its tokens are soon due for renewal).</param>
    /// <param name="crl">Whether the TSA certificate names a CRL distribution point.</param>
    /// <param name="ocsp">Whether and where the TSA certificate names an OCSP responder.</param>
    /// <param name="responderExtension">The extensions section of the responder's certificate: <c>ocsp_ext</c> (OCSPSigning) or <c>plain_ext</c> (none: not authorized).</param>
    public static async Task<LoopbackCrlAuthority> StartAsync(string name, int signerDays = 2, bool crl = true, OcspRoute ocsp = OcspRoute.None, string responderExtension = "ocsp_ext")
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-crl-tsa-").FullName;
        var authority = new LoopbackCrlAuthority(folder, name, crl, ocsp);
        try
        {
            await authority.StartServerAsync();
            await authority.CreateCertificatesAsync(signerDays, responderExtension);
            await authority.IssueCrlAsync("-crldays", "7");
            return authority;
        }
        catch
        {
            await authority.DisposeAsync();
            throw;
        }
    }

    /// <summary>Revokes the TSA certificate and publishes the new CRL; the OCSP responder starts again to answer from the new database.</summary>
    public async Task RevokeSignerAsync()
    {
        await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-config", "ca.cnf", "-revoke", "tsa.pem"], _folder);
        await IssueCrlAsync("-crldays", "7");
        if (Responder is not null) await Responder.RestartAsync();
    }

    /// <summary>Publishes a CRL whose nextUpdate is one second away: by the time a token is stamped it has expired.</summary>
    public async Task PublishExpiringCrlAsync()
    {
        await IssueCrlAsync("-crlsec", "1");
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) { await _app.StopAsync(); await _app.DisposeAsync(); _app = null; }
        if (Responder is not null) await Responder.DisposeAsync();
        _openssl.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task IssueCrlAsync(string option, string value)
    {
        await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-config", "ca.cnf", "-gencrl", option, value, "-out", "crl.pem"], _folder);
        await ExternalProcess.RunCheckedAsync("openssl", ["crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der"], _folder);
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/tsa", ReplyAsync);
        app.MapPost("/ocsp", RelayOcspAsync);
        app.MapGet("/crl", async context =>
        {
            Interlocked.Increment(ref CrlRequests);
            if (WithholdCrl) { context.Response.StatusCode = 404; return; }
            context.Response.ContentType = "application/pkix-crl";
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(Path.Combine(_folder, "crl.der")));
        });
        await app.StartAsync();
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        _app = app;
    }

    /// <summary>The relay: the responder's answer, or too many bytes, or none for a minute.</summary>
    private async Task RelayOcspAsync(HttpContext context)
    {
        Interlocked.Increment(ref OcspRequests);
        switch (OcspFault)
        {
            case OcspFault.Slow:
                await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
                return;
            case OcspFault.Oversized:
                context.Response.ContentType = "application/ocsp-response";
                var chunk = new byte[64 * 1024];
                for (var i = 0; i < 1024 && !context.RequestAborted.IsCancellationRequested; i++) await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var client = new HttpClient();
        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ocsp-request");
        using var answer = await client.PostAsync(Responder!.Url, content, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = "application/ocsp-response";
        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
    }

    private async Task ReplyAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        await _openssl.WaitAsync(context.RequestAborted);
        try
        {
            var query = Path.Combine(_folder, "request.tsq");
            var reply = Path.Combine(_folder, "reply.tsr");
            await File.WriteAllBytesAsync(query, body.ToArray(), context.RequestAborted);
            var result = await ExternalProcess.RunAsync("openssl", ["ts", "-reply", "-config", "tsa.cnf", "-queryfile", query, "-out", reply], _folder);
            if (result.ExitCode != 0)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync(result.Error, context.RequestAborted);
                return;
            }
            context.Response.ContentType = "application/timestamp-reply";
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(reply, context.RequestAborted), context.RequestAborted);
        }
        finally
        {
            _openssl.Release();
        }
    }

    private async Task CreateCertificatesAsync(int signerDays, string responderExtension)
    {
        var folder = _folder;
        File.WriteAllText(Path.Combine(folder, "index.txt"), "");
        File.WriteAllText(Path.Combine(folder, "crlnumber"), "01\n");
        File.WriteAllText(Path.Combine(folder, "serial"), "01\n");
        File.WriteAllText(Path.Combine(folder, "tsaserial"), "01\n");
        File.WriteAllText(Path.Combine(folder, "ca.cnf"), $"""
            [ ca ]
            default_ca = test_ca

            [ test_ca ]
            dir = {folder}
            database = $dir/index.txt
            new_certs_dir = $dir
            certificate = $dir/ca.pem
            private_key = $dir/ca.key
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            default_md = sha256
            default_days = {signerDays}
            default_crl_days = 7
            policy = anything
            unique_subject = no
            copy_extensions = none

            [ anything ]
            commonName = supplied

            [ tsa_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, nonRepudiation
            extendedKeyUsage = critical, timeStamping
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            {(_crl ? $"crlDistributionPoints = URI:{CrlUrl}" : "")}
            #@@AIA@@

            [ ocsp_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = critical, OCSPSigning

            [ plain_ext ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            """);
        File.WriteAllText(Path.Combine(folder, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = tsa_config1

            [ tsa_config1 ]
            dir = {folder}
            serial = $dir/tsaserial
            crypto_device = builtin
            signer_cert = $dir/tsa.pem
            certs = $dir/ca.pem
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        await ExternalProcess.RunCheckedAsync("openssl", ["req", "-x509", .. ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
            "-subj", $"/CN={Name} Root CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], folder);
        if (_ocsp != OcspRoute.None)
        {
            await ExternalProcess.RunCheckedAsync("openssl", ["req", .. ec, "-keyout", "ocsp.key", "-out", "ocsp.csr", "-subj", $"/CN={Name} OCSP Responder"], folder);
            await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-batch", "-config", "ca.cnf", "-extensions", responderExtension, "-in", "ocsp.csr", "-out", "ocsp.pem", "-notext"], folder);
            Responder = await LoopbackOcspResponder.StartAsync(folder, "index.txt", "ca.pem", "ocsp.pem", "ocsp.key");
        }
        var config = Path.Combine(folder, "ca.cnf");
        File.WriteAllText(config, File.ReadAllText(config).Replace("#@@AIA@@", OcspUrl is { } ocspUrl ? $"authorityInfoAccess = OCSP;URI:{ocspUrl}" : "", StringComparison.Ordinal));
        await ExternalProcess.RunCheckedAsync("openssl", ["req", .. ec, "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", $"/CN={SignerName}"], folder);
        await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-batch", "-config", "ca.cnf", "-extensions", "tsa_ext", "-in", "tsa.csr", "-out", "tsa.pem", "-notext"], folder);
        // The responder read the CA database before the TSA certificate was in it (and notices a change only by the second).
        if (Responder is not null) await Responder.RestartAsync();
    }
}
