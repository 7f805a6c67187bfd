using System.Diagnostics;
using Snapshots.Channels;
using Snapshots.IntegrationTests.Channels;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Delivery channels against hostile targets and receivers: addresses that reach the machine, its network or the cloud's metadata
/// service in disguise are refused before anything is written; a receiver's redirect is never followed (not to a private address,
/// not even to another open endpoint); an endless or a dribbling answer is cut at the read bound and the attempt's time limit,
/// and what it said reaches the channel row bounded.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ChannelProbes
{
    public static TheoryData<string> HostileTargets => new()
    {
        "file:///etc/passwd",
        "gopher://example.com:70/_GET",
        "javascript:alert(1)",
        "ftp://example.com/hook",
        "http://user:password@example.com/hook",
        "http://example.com/hook\r\nX-Injected: 1",
        "http://example.com/\u202Egnp.hook",
        "http://exa\u200Bmple.com/hook",
        "http://2130706433/hook",
        "http://0x7f.0.0.1/hook",
        "http://127.1/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[64:ff9b::a9fe:a9fe]/hook",
        "http://[fd00:ec2::254]/latest/meta-data",
        "http://100.100.100.200/latest/meta-data",
        "http://0.0.0.0/hook",
        "http://[::]/hook",
        "http://localhost/hook",
        "http://192.168.1.1/hook",
        "http://172.16.0.1/hook",
        "http://100.64.0.1/hook",
        "http://224.0.0.1/hook",
        "http://does-not-exist.invalid/hook",
        "https://example.com/" + "a/" + new string('x', 3000),
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task A_hostile_target_is_refused_when_added_naming_why_and_nothing_is_written(string url)
    {
        await using var s = await ChannelScene.StartAsync();

        var e = await Assert.ThrowsAsync<ChannelRefusedException>(() => s.Channels.AddAsync("owner@example.com", "webhook", url));

        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.True(e.Message.Length < 400, $"the refusal is {e.Message.Length} characters long");
        Assert.DoesNotContain('\r', e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Empty(await s.Channels.ListAsync(s.Watcher.SubscriberId));
    }

    [Theory]
    [InlineData(307)]
    [InlineData(302)]
    public async Task A_redirect_is_never_followed_not_even_to_another_open_endpoint(int status)
    {
        await using var other = await ChannelReceiver.StartAsync();
        await using var s = await ChannelScene.StartAsync(new Dictionary<string, string?> { ["Fetch:AllowedPrivateEndpoints:1"] = other.Endpoint });
        var channel = (await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri)).Channel;
        s.Receiver.Site.Handle(ChannelReceiver.Path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = other.Url.AbsoluteUri;
            return Task.CompletedTask;
        });

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.Equal(ChannelDeliveryStatus.Failed, result.Status);
        Assert.Contains("redirects are not followed", result.Detail);
        Assert.DoesNotContain(ChannelReceiver.Path, result.Detail); // the target's path is not echoed (it may hold a credential)
        Assert.Empty(other.Received);
    }

    [Fact]
    public async Task A_redirect_to_the_metadata_service_is_a_failed_delivery_and_nothing_else()
    {
        await using var s = await ChannelScene.StartAsync();
        var channel = (await s.Channels.AddAsync("owner@example.com", "slack", s.Receiver.Url.AbsoluteUri)).Channel;
        s.Receiver.Site.Handle(ChannelReceiver.Path, context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
            return Task.CompletedTask;
        });

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.Equal(ChannelDeliveryStatus.Failed, result.Status);
        Assert.Contains("302", result.Detail);
        Assert.Equal(1, s.Receiver.Site.RequestCount(ChannelReceiver.Path));
    }

    [Fact]
    public async Task An_endless_error_answer_is_read_no_further_than_the_bound()
    {
        await using var s = await ChannelScene.StartAsync(new Dictionary<string, string?> { ["Channels:MaxAttempts"] = "1" });
        var channel = (await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri)).Channel;
        long written = 0;
        s.Receiver.Site.Handle(ChannelReceiver.Path, async context =>
        {
            context.Response.StatusCode = 500;
            context.Response.ContentLength = 1L << 30; // claims 1 GiB
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'A');
            try
            {
                while (Interlocked.Read(ref written) < 1L << 30 && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        });
        var clock = Stopwatch.StartNew();

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.Equal(ChannelDeliveryStatus.Parked, result.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the attempt took {clock.Elapsed}");
        Assert.True(result.Detail.Length < 300, $"the detail is {result.Detail.Length} characters");
        var row = (await s.Channels.FindAsync(s.Watcher.SubscriberId, channel.ChannelId))!;
        Assert.True(row.LastError!.Length <= 500);
        // What the receiver's loop counts is not what reached the sender: Kestrel accepts and discards writes after the client
        // has gone until it notices, so on a quiet machine it counted the whole 1 GiB in half a second. The sender's bounds are
        // the attempt's time and the error it keeps, asserted above.
    }

    [Fact]
    public async Task A_receiver_that_dribbles_its_answer_is_cut_off_at_the_attempt_time_limit()
    {
        await using var s = await ChannelScene.StartAsync(new Dictionary<string, string?> { ["Channels:Timeout"] = "00:00:01" });
        var channel = (await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri)).Channel;
        s.Receiver.Site.Handle(ChannelReceiver.Path, async context =>
        {
            context.Response.StatusCode = 503;
            await context.Response.Body.FlushAsync();
            try
            {
                for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync("x"u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(200, context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException) { }
        });
        var clock = Stopwatch.StartNew();

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the attempt took {clock.Elapsed}");
        Assert.Equal(ChannelDeliveryStatus.Retrying, result.Status);
        Assert.Contains("503", result.Detail);
        Assert.Contains("cut off", result.Detail);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_is_cut_off_at_the_attempt_time_limit()
    {
        await using var s = await ChannelScene.StartAsync(new Dictionary<string, string?> { ["Channels:Timeout"] = "00:00:01" });
        var channel = (await s.Channels.AddAsync("owner@example.com", "teams", s.Receiver.Url.AbsoluteUri)).Channel;
        s.Receiver.Site.Handle(ChannelReceiver.Path, async context =>
        {
            try { await Task.Delay(TimeSpan.FromMinutes(5), context.RequestAborted); }
            catch (OperationCanceledException) { }
        });
        var clock = Stopwatch.StartNew();

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the attempt took {clock.Elapsed}");
        Assert.Equal(ChannelDeliveryStatus.Retrying, result.Status);
        Assert.Contains("no complete answer within 1 s", result.Detail);
    }
}
