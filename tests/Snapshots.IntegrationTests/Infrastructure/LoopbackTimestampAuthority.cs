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
/// An RFC 3161 Time-Stamp Authority on 127.0.0.1 built on <c>openssl ts -reply</c>: a test root CA and a TSA certificate
/// with the critical timeStamping extended key usage are generated when it starts (in a temporary folder, deleted on
/// dispose). It can be stopped and started again on the same port, or made to answer with a token for another hash.
/// </summary>
public sealed class LoopbackTimestampAuthority : IAsyncDisposable
{
    public const string SignerName = "Snapshots Test TSA";

    private readonly string _folder;
    private readonly SemaphoreSlim _openssl = new(1, 1);
    private WebApplication? _app;
    private int _replies;

    private LoopbackTimestampAuthority(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; private set; }
    public Uri Url => new($"http://127.0.0.1:{Port}/tsa");
    /// <summary>The test root CA (PEM file): the trust anchor to configure.</summary>
    public string RootCertificateFile => Path.Combine(_folder, "ca.pem");
    public bool Running => _app is not null;
    /// <summary>When set, every answer is a valid token signed by this authority, but for a different hash.</summary>
    public bool AnswerForAnotherHash { get; set; }
    /// <summary>Tokens issued so far.</summary>
    public int Replies => Volatile.Read(ref _replies);

    public static async Task<LoopbackTimestampAuthority> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("snapshots-tsa-").FullName;
        try
        {
            await CreateCertificatesAsync(folder);
            var authority = new LoopbackTimestampAuthority(folder, 0);
            await authority.StartServerAsync();
            return authority;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Starts listening again on the same port after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync() => Running ? Task.CompletedTask : StartServerAsync();

    /// <summary>Stops listening: connections to <see cref="Url"/> are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _openssl.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/tsa", ReplyAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
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
            if (AnswerForAnotherHash)
            {
                // A genuine token of this authority, but over a hash the client never asked for.
                await ExternalProcess.RunCheckedAsync("openssl", ["ts", "-query", "-digest", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                    "-sha256", "-cert", "-out", query], _folder);
            }
            var result = await ExternalProcess.RunAsync("openssl", ["ts", "-reply", "-config", "tsa.cnf", "-queryfile", query, "-out", reply], _folder);
            if (result.ExitCode != 0)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync(result.Error, context.RequestAborted);
                return;
            }
            Interlocked.Increment(ref _replies);
            context.Response.ContentType = "application/timestamp-reply";
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(reply, context.RequestAborted), context.RequestAborted);
        }
        finally
        {
            _openssl.Release();
        }
    }

    private static async Task CreateCertificatesAsync(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "tsa.ext"), """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, nonRepudiation
            extendedKeyUsage = critical, timeStamping
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """);
        File.WriteAllText(Path.Combine(folder, "serial"), "01\n");
        File.WriteAllText(Path.Combine(folder, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = tsa_config1

            [ tsa_config1 ]
            dir = {folder}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.pem
            certs = $dir/ca.pem
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256, sha384, sha512
            accuracy = secs:1
            clock_precision_digits = 3
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        await ExternalProcess.RunCheckedAsync("openssl", ["req", "-x509", .. ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Snapshots Test Root CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], folder);
        await ExternalProcess.RunCheckedAsync("openssl", ["req", .. ec, "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", $"/CN={SignerName}"], folder);
        await ExternalProcess.RunCheckedAsync("openssl", ["x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "tsa.pem", "-days", "2", "-extfile", "tsa.ext"], folder);
    }
}
