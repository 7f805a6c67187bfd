using System.Security.Cryptography;

namespace Snapshots.Channels;

/// <summary>
/// A test delivery the owner asks for (CLI, manage page): the <c>channel.test</c> event posted once, now, through the same sender
/// (guard, signature, bounds), with a fresh <c>webhook-id</c>. It records nothing and never counts against the channel: the
/// result says honestly what the receiver answered.
/// </summary>
public sealed class ChannelTest(ChannelEvents events, ChannelSender sender)
{
    public async Task<ChannelSendResult> SendAsync(ChannelRecord channel, CancellationToken ct = default)
    {
        var id = "msg_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        return await sender.SendAsync(channel, id, ChannelPayloads.For(channel.Kind, events.Test()), ct);
    }
}
