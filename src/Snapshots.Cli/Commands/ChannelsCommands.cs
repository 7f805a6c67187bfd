using System.CommandLine;
using Spectre.Console;
using Snapshots.Channels;
using Snapshots.Subscribers;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots channels add|list|test|remove</c>: a subscriber's delivery channels (signed webhooks, Slack, Teams; paid plans).
/// A webhook's signing secret is printed once, by <c>add</c>; nothing prints it again. Every refusal is a clear message and exit
/// code 2, with nothing written.
/// </summary>
public static class ChannelsCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var channels = new Command("channels", "Alerts delivered to webhooks, Slack and Microsoft Teams (watcher and monitor plans): add, list, test, remove.");
        channels.Subcommands.Add(Add(environment));
        channels.Subcommands.Add(List(environment));
        channels.Subcommands.Add(Test(environment));
        channels.Subcommands.Add(Remove(environment));
        return channels;
    }

    private static Argument<string> Email() => new("email") { Description = "The subscriber's email address (or subscriber id)." };

    private static Argument<string> ChannelId() => new("channel") { Description = "The channel id (ch_…), as channels list shows it." };

    private static Command Add(CliEnvironment environment)
    {
        var email = Email();
        var kind = new Option<string>("--kind") { Description = $"Kind: {string.Join(", ", ChannelKind.All)}.", DefaultValueFactory = _ => ChannelKind.Webhook };
        var url = new Option<string>("--url") { Description = "The receiver's address: your endpoint, the Slack incoming webhook URL, or the Teams workflow's webhook URL.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for the channel (optional)." };
        var add = new Command("add", "Add a delivery channel; a webhook's signing secret is printed once. Refused: a free plan, an unknown kind, a URL that is not http(s) or reaches a private or metadata address.")
            { email, kind, url, name };
        add.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var added = await session.Get<ChannelDirectory>().AddAsync(parse.GetValue(email)!, parse.GetValue(kind)!, parse.GetValue(url)!, parse.GetValue(name), ct);
            var channel = added.Channel;
            environment.Console.MarkupLineInterpolated($"[green]added[/] {channel.ChannelId}: {channel.Name} for {added.Subscriber.Email}");
            if (added.Secret is { } secret)
            {
                environment.Console.MarkupLineInterpolated($"signing secret (shown once, keep it now): {secret}");
                environment.Console.MarkupLine("Verify each delivery's webhook-signature with it (see the README, \"Delivery channels\").");
            }
            return 0;
        }));
        return add;
    }

    private static Command List(CliEnvironment environment)
    {
        var email = Email();
        var list = new Command("list", "List a subscriber's channels: id, kind, address (host only), state, failures in a row, last error.") { email };
        list.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var subscriber = await session.Get<SubscriberDirectory>().GetAsync(parse.GetValue(email)!, ct);
            var rows = await session.Get<ChannelDirectory>().ListAsync(subscriber.SubscriberId, ct);
            var table = new Table().AddColumns("Id", "Kind", "Name", "Address", "State", "Failures in a row", "Last delivered (UTC)", "Last error");
            foreach (var c in rows)
                table.AddRow(c.ChannelId, c.Kind, Markup.Escape(c.Label), Markup.Escape(c.ShownUrl),
                    c.Enabled ? "[green]enabled[/]" : $"[red]disabled[/] {DocumentsCommands.Time(c.DisabledAt)}", c.ConsecutiveFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    DocumentsCommands.Time(c.LastDeliveredAt), Markup.Escape(c.LastError ?? ""));
            environment.Console.Write(table);
            var plan = Plans.TryFind(subscriber.Plan);
            environment.Console.MarkupLineInterpolated($"{rows.Count} channels.{(plan is { DeliveryChannels: true } ? "" : $" The {subscriber.Plan} plan delivers to none of them.")}");
            return 0;
        }));
        return list;
    }

    private static Command Test(CliEnvironment environment)
    {
        var email = Email();
        var id = ChannelId();
        var test = new Command("test", "Send a test delivery now and say what the receiver answered (exit code 1 when it was not delivered). It records nothing.") { email, id };
        test.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var subscriber = await session.Get<SubscriberDirectory>().GetAsync(parse.GetValue(email)!, ct);
            var channel = await session.Get<ChannelDirectory>().GetAsync(subscriber.SubscriberId, parse.GetValue(id)!, ct);
            var result = await session.Get<Snapshots.Channels.ChannelTest>().SendAsync(channel, ct);
            if (result.Outcome == ChannelSendOutcome.Delivered)
            {
                environment.Console.MarkupLineInterpolated($"[green]delivered[/] a test to {channel.Name}: the receiver answered {result.Status}");
                return 0;
            }
            environment.Console.MarkupLineInterpolated($"[red]not delivered[/] to {channel.Name}: {result.Detail}");
            return 1;
        }));
        return test;
    }

    private static Command Remove(CliEnvironment environment)
    {
        var email = Email();
        var id = ChannelId();
        var remove = new Command("remove", "Remove a channel: nothing more is delivered to it.") { email, id };
        remove.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var subscriber = await session.Get<SubscriberDirectory>().GetAsync(parse.GetValue(email)!, ct);
            var directory = session.Get<ChannelDirectory>();
            var channel = await directory.GetAsync(subscriber.SubscriberId, parse.GetValue(id)!, ct);
            await directory.RemoveAsync(subscriber.SubscriberId, channel.ChannelId, ct);
            environment.Console.MarkupLineInterpolated($"[green]removed[/] {channel.ChannelId}: {channel.Name}");
            return 0;
        }));
        return remove;
    }
}
