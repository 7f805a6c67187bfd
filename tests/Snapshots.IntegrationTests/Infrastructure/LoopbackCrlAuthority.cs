using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// An RFC 3161 authority on 127.0.0.1 (<c>openssl ts -reply</c>) with its own root CA (<c>openssl ca</c>, named
/// <paramref name="name"/>) whose TSA certificate names a CRL distribution point on the same server (<c>/crl</c>, a CRL made
/// by <c>openssl ca -gencrl</c>). The signer can be revoked, the CRL made to expire at once or withheld (404).
/// </summary>
public sealed class LoopbackCrlAuthority : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SemaphoreSlim _openssl = new(1, 1);
    private WebApplication? _app;

    private LoopbackCrlAuthority(string folder, string name)
    {
        _folder = folder;
        Name = name;
    }

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
    public static async Task<LoopbackCrlAuthority> StartAsync(string name, int signerDays = 2)
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-crl-tsa-").FullName;
        var authority = new LoopbackCrlAuthority(folder, name);
        try
        {
            await authority.StartServerAsync();
            await authority.CreateCertificatesAsync(signerDays);
            await authority.IssueCrlAsync("-crldays", "7");
            return authority;
        }
        catch
        {
            await authority.DisposeAsync();
            throw;
        }
    }

    /// <summary>Revokes the TSA certificate and publishes the new CRL.</summary>
    public async Task RevokeSignerAsync()
    {
        await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-config", "ca.cnf", "-revoke", "tsa.pem"], _folder);
        await IssueCrlAsync("-crldays", "7");
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

    private async Task CreateCertificatesAsync(int signerDays)
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
            crlDistributionPoints = URI:{CrlUrl}
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
        await ExternalProcess.RunCheckedAsync("openssl", ["req", .. ec, "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", $"/CN={SignerName}"], folder);
        await ExternalProcess.RunCheckedAsync("openssl", ["ca", "-batch", "-config", "ca.cnf", "-extensions", "tsa_ext", "-in", "tsa.csr", "-out", "tsa.pem", "-notext"], folder);
    }
}
