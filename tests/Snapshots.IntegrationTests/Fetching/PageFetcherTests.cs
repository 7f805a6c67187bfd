using Microsoft.AspNetCore.Http;
using System.IO.Compression;
using System.Text;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Fetching;

namespace Snapshots.IntegrationTests.Fetching;

public sealed class PageFetcherTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Fetches_an_html_page_with_its_validators()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/terms", "<html><body>Terms</body></html>");

        var page = await host.Fetcher.FetchAsync(site.Url("/terms"), null, Ct);

        Assert.Equal(200, page.StatusCode);
        Assert.Equal(MediaTypes.Html, page.MediaType);
        Assert.Equal("<html><body>Terms</body></html>", Encoding.UTF8.GetString(page.Body));
        Assert.Equal(site.Url("/terms"), page.FinalUrl);
        Assert.False(page.NotModified);
        Assert.NotNull(page.ETag);
        Assert.NotNull(page.LastModified);
        var request = Assert.Single(site.Requests);
        Assert.Equal("SnapshotsTests/1.0", request.Header("User-Agent"));
        Assert.Contains("gzip", request.Header("Accept-Encoding"));
        Assert.Contains("br", request.Header("Accept-Encoding"));
    }

    [Fact]
    public async Task A_missing_page_fails_naming_the_status_and_the_url()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/gone"), null, Ct));

        Assert.Equal("HTTP 404 Not Found", error.Reason);
        Assert.Contains(site.Url("/gone").ToString(), error.Message);
        Assert.Equal(1, site.RequestCount("/gone"));
    }

    [Fact]
    public async Task A_server_error_is_retried_until_the_page_comes()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var calls = 0;
        site.Handle("/flaky", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1) { context.Response.StatusCode = 500; return; }
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>ok</p>");
        });

        var page = await host.Fetcher.FetchAsync(site.Url("/flaky"), null, Ct);

        Assert.Equal("<p>ok</p>", Encoding.UTF8.GetString(page.Body));
        Assert.Equal(2, site.RequestCount("/flaky"));
    }

    [Fact]
    public async Task A_server_error_that_persists_fails_after_the_retries()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/down", context => { context.Response.StatusCode = 503; return Task.CompletedTask; });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/down"), null, Ct));

        Assert.Equal("HTTP 503 Service Unavailable (still failing after 2 retries)", error.Reason);
        Assert.Equal(3, site.RequestCount("/down"));
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_retry_after_asks()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var calls = 0;
        site.Handle("/busy", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            }
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok");
        });

        await host.Fetcher.FetchAsync(site.Url("/busy"), null, Ct);

        var requests = site.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"the retry came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_fails_without_retrying()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/later", context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/later"), null, Ct));

        Assert.Equal("HTTP 429 Too Many Requests: Retry-After of 60 s exceeds the 3 s limit", error.Reason);
        Assert.Equal(1, site.RequestCount("/later"));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("Timeout", "00:00:01.500"), ("AttemptTimeout", "00:00:00.400"), ("MaxRetries", "1"));
        site.Handle("/hang", context => Task.Delay(Timeout.Infinite, context.RequestAborted));

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/hang"), null, Ct));

        Assert.StartsWith("timed out after", error.Reason);
        Assert.Equal(2, site.RequestCount("/hang"));
    }

    [Fact]
    public async Task A_body_that_stops_coming_times_out()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("Timeout", "00:00:01"));
        site.Handle("/trickle", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<p>first part", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/trickle"), null, Ct));

        Assert.Equal("timed out after 1 s", error.Reason);
    }

    [Fact]
    public async Task A_streamed_body_over_the_limit_is_cut_off()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("MaxBodyBytes", "65536"));
        site.Handle("/huge", async context =>
        {
            context.Response.ContentType = "text/html";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024));
            for (var i = 0; i < 64; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/huge"), null, Ct));

        Assert.Equal("body exceeds the 64 KiB limit", error.Reason);
    }

    [Fact]
    public async Task A_declared_content_length_over_the_limit_is_refused_before_reading()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("MaxBodyBytes", "65536"));
        site.Page("/big", new byte[1024 * 1024], "text/plain");

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/big"), null, Ct));

        Assert.Equal("body of 1 MiB exceeds the 64 KiB limit", error.Reason);
    }

    [Fact]
    public async Task A_compressed_body_is_decompressed()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var html = "<html>" + string.Concat(Enumerable.Repeat("<p>clause</p>", 500)) + "</html>";
        site.Handle("/gzip", context => WriteGzipAsync(context, Encoding.UTF8.GetBytes(html)));

        var page = await host.Fetcher.FetchAsync(site.Url("/gzip"), null, Ct);

        Assert.Equal(html, Encoding.UTF8.GetString(page.Body));
    }

    [Fact]
    public async Task The_size_limit_applies_to_decompressed_bytes()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("MaxBodyBytes", "65536"));
        site.Handle("/bomb", context => WriteGzipAsync(context, new byte[4 * 1024 * 1024]));

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/bomb"), null, Ct));

        Assert.Equal("body exceeds the 64 KiB limit", error.Reason);
    }

    [Fact]
    public async Task Redirects_are_followed_and_the_final_url_recorded()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/old", context => { context.Response.Redirect("/moved", permanent: true); return Task.CompletedTask; });
        site.Handle("/moved", context => { context.Response.Redirect(site.Url("/current").ToString()); return Task.CompletedTask; });
        site.Page("/current", "<p>current</p>");

        var page = await host.Fetcher.FetchAsync(site.Url("/old"), null, Ct);

        Assert.Equal(site.Url("/old"), page.Url);
        Assert.Equal(site.Url("/current"), page.FinalUrl);
        Assert.Equal("<p>current</p>", Encoding.UTF8.GetString(page.Body));
    }

    [Fact]
    public async Task A_redirect_chain_beyond_the_limit_fails()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("MaxRedirects", "5"));
        for (var i = 0; i < 10; i++)
        {
            var next = $"/hop{i + 1}";
            site.Handle($"/hop{i}", context => { context.Response.Redirect(next); return Task.CompletedTask; });
        }

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/hop0"), null, Ct));

        Assert.StartsWith("redirect limit (5) exceeded", error.Reason);
        Assert.Equal(6, site.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_to_a_metadata_address_is_refused_even_with_private_networks_open()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/sneaky", context =>
        {
            context.Response.Redirect("http://169.254.169.254/latest/meta-data/");
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/sneaky"), null, Ct));

        Assert.StartsWith("refused address 169.254.169.254 (cloud metadata)", error.Reason);
        Assert.Contains("after 1 redirect", error.Reason);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/file", context => { context.Response.Redirect("file:///etc/passwd"); return Task.CompletedTask; });

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/file"), null, Ct));

        Assert.StartsWith("unsupported scheme file", error.Reason);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Loopback_is_refused_when_private_networks_are_closed(string hostName)
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost(("AllowPrivateNetworks", "false"));
        site.Page("/terms", "<p>secret</p>");
        var url = new UriBuilder(site.Url("/terms")) { Host = hostName }.Uri;

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(url, null, Ct));

        Assert.Matches(@"^refused address (127\.0\.0\.1|::1) \(loopback\) for host localhost|^refused address 127\.0\.0\.1 \(loopback\) for host 127\.0\.0\.1", error.Reason);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task A_conditional_request_for_an_unchanged_page_is_not_modified()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/terms", "<p>v1</p>");
        var first = await host.Fetcher.FetchAsync(site.Url("/terms"), null, Ct);

        var second = await host.Fetcher.FetchAsync(site.Url("/terms"), new ConditionalRequest(first.ETag, first.LastModified), Ct);

        Assert.True(second.NotModified);
        Assert.Equal(304, second.StatusCode);
        Assert.Empty(second.Body);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(first.ETag, site.Requests[1].Header("If-None-Match"));
        Assert.Equal(first.LastModified, site.Requests[1].Header("If-Modified-Since"));
    }

    [Fact]
    public async Task A_conditional_request_for_a_changed_page_gets_the_new_body()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/terms", "<p>v1</p>");
        var first = await host.Fetcher.FetchAsync(site.Url("/terms"), null, Ct);
        site.Page("/terms", "<p>v2</p>");

        var second = await host.Fetcher.FetchAsync(site.Url("/terms"), new ConditionalRequest(first.ETag, null), Ct);

        Assert.False(second.NotModified);
        Assert.Equal("<p>v2</p>", Encoding.UTF8.GetString(second.Body));
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task An_unsupported_content_type_is_rejected()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/logo.png", [0x89, 0x50, 0x4e, 0x47], "image/png");

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/logo.png"), null, Ct));

        Assert.Equal("unsupported content type image/png", error.Reason);
    }

    [Theory]
    [InlineData("application/pdf", "%PDF-1.7 terms", MediaTypes.Pdf, "pdf")]
    [InlineData("text/plain; charset=utf-8", "Plain terms", MediaTypes.PlainText, "txt")]
    [InlineData("application/xhtml+xml", "<html/>", MediaTypes.Xhtml, "html")]
    [InlineData("application/octet-stream", "%PDF-1.4 terms", MediaTypes.Pdf, "pdf")]
    public async Task Supported_media_types_are_accepted_and_normalized(string contentType, string body, string mediaType, string extension)
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Page("/doc", Encoding.ASCII.GetBytes(body), contentType);

        var page = await host.Fetcher.FetchAsync(site.Url("/doc"), null, Ct);

        Assert.Equal(mediaType, page.MediaType);
        Assert.Equal(extension, page.Extension);
        Assert.Equal(body, Encoding.ASCII.GetString(page.Body));
    }

    [Theory]
    [InlineData("%PDF-1.5 ...", MediaTypes.Pdf)]
    [InlineData("  <!doctype html><p>terms", MediaTypes.Html)]
    public async Task A_body_without_content_type_is_sniffed(string body, string mediaType)
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/bare", context => context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(body)).AsTask());

        var page = await host.Fetcher.FetchAsync(site.Url("/bare"), null, Ct);

        Assert.Equal(mediaType, page.MediaType);
    }

    [Fact]
    public async Task A_body_without_content_type_that_is_neither_html_nor_pdf_fails()
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        site.Handle("/bare", context => context.Response.Body.WriteAsync("GIF89a"u8.ToArray()).AsTask());

        var error = await Assert.ThrowsAsync<FetchException>(() => host.Fetcher.FetchAsync(site.Url("/bare"), null, Ct));

        Assert.Equal("no content type, and the body is neither HTML nor PDF", error.Reason);
    }

    private static async Task WriteGzipAsync(HttpContext context, byte[] content)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            await gzip.WriteAsync(content);
        context.Response.ContentType = "text/html";
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(compressed.ToArray());
    }
}
