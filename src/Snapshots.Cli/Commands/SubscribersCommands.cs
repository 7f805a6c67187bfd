using Snapshots.Changes;
using System.CommandLine;
using Spectre.Console;
using Snapshots.Subscribers;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots subscribers add|list|show|follow|unfollow|set-plan|preferences|remove|import</c>. Operator output shows full addresses;
/// the library logs them only masked. Every refusal is a clear message and exit code 2, with nothing written.
/// </summary>
public static class SubscribersCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var subscribers = new Command("subscribers", "People who get alerts and digests: add, list, show, follow, unfollow, set-plan, remove, import.");
        subscribers.Subcommands.Add(Add(environment));
        subscribers.Subcommands.Add(List(environment));
        subscribers.Subcommands.Add(Show(environment));
        subscribers.Subcommands.Add(Follow(environment, "follow", "Follow more platforms, provisions or clause types (within the plan's limit; a provision counts as its platform)."));
        subscribers.Subcommands.Add(Follow(environment, "unfollow", "Stop following platforms, provisions or clause types."));
        subscribers.Subcommands.Add(SetPlan(environment));
        subscribers.Subcommands.Add(Preferences(environment));
        subscribers.Subcommands.Add(Remove(environment));
        subscribers.Subcommands.Add(Import(environment));
        return subscribers;
    }

    private static Argument<string> Email() => new("email") { Description = "The subscriber's email address (or subscriber id)." };

    private static Argument<string[]> Slugs() => new("follows")
    {
        Description = "What to follow: platform slugs (mistral-ai), provisions as platform/terms-type/slug (mistral-ai/commercial-terms/labs-models-training-opt-out; each counts as its platform against the plan), or clause types as type:ID (type:training-opt-out-carve-out: only changes of those provisions on the platforms followed whole).",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command Add(CliEnvironment environment)
    {
        var email = Email();
        var plan = new Option<string>("--plan") { Description = $"Plan: {string.Join(", ", Plans.All.Select(p => p.Name))}.", DefaultValueFactory = _ => Plans.Free.Name };
        var follow = new Option<string[]>("--follow") { Description = "Platform slugs to follow (optional: none by default; add them later with subscribers follow).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var noAlerts = new Option<bool>("--no-alerts") { Description = "No same-day alerts (paid plans send them by default)." };
        var noDigest = new Option<bool>("--no-digest") { Description = "No weekly digest." };
        var add = new Command("add", "Add a subscriber. Refused: an invalid address, an unknown plan or platform, more platforms than the plan allows, a duplicate.")
            { email, plan, follow, noAlerts, noDigest };
        add.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var added = await session.Get<SubscriberDirectory>().AddAsync(parse.GetValue(email)!, parse.GetValue(plan)!, parse.GetValue(follow) ?? [],
                alerts: !parse.GetValue(noAlerts), digest: !parse.GetValue(noDigest), ct);
            environment.Console.MarkupLineInterpolated($"[green]added[/] {added.Email}: {Summary(added)}");
            return 0;
        }));
        return add;
    }

    private static Command List(CliEnvironment environment)
    {
        var list = new Command("list", "List subscribers: address, plan, platforms followed, preferences, last digest.");
        list.SetAction((_, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var profiles = await session.Get<SubscriberDirectory>().ListAsync(ct);
            var table = new Table().AddColumns("Email", "Plan", "Follows", "Alerts", "Digest", "Last digest through (UTC)", "Since (UTC)");
            foreach (var p in profiles)
                table.AddRow(Markup.Escape(p.Email), Markup.Escape(p.Plan), Markup.Escape(p.Platforms), OnOff(p.AlertsEnabled, AlertsApply(p)),
                    OnOff(p.DigestEnabled, EmailEligibility.DigestInPlan(p)) + (p.Suppressed ? " [red]suppressed[/]" : ""), DocumentsCommands.Time(p.LastDigestThrough), DocumentsCommands.Time(p.CreatedAt));
            environment.Console.Write(table);
            environment.Console.MarkupLineInterpolated($"{profiles.Count} subscribers.");
            return 0;
        }));
        return list;
    }

    private static Command Show(CliEnvironment environment)
    {
        var email = Email();
        var show = new Command("show", "Show one subscriber.") { email };
        show.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var p = await session.Get<SubscriberDirectory>().GetAsync(parse.GetValue(email)!, ct);
            var plan = Plans.TryFind(p.Plan);
            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("Email", Markup.Escape(p.Email));
            grid.AddRow("Id", p.SubscriberId);
            grid.AddRow("Plan", Markup.Escape(plan is null ? $"{p.Plan} (unknown plan: no emails; set one with subscribers set-plan)" : $"{plan.Name} (up to {plan.MaxPlatforms}, {(plan.SameDayAlerts ? "same-day alerts and " : "")}weekly digest)"));
            grid.AddRow("Follows", Markup.Escape(p.Follows.ToString()));
            grid.AddRow("Alerts", OnOff(p.AlertsEnabled, AlertsApply(p)));
            grid.AddRow("Digest", OnOff(p.DigestEnabled, EmailEligibility.DigestInPlan(p)));
            grid.AddRow("Suppressed", p.Suppressed ? "[red]yes[/]" : "no");
            grid.AddRow("Last digest through", DocumentsCommands.Time(p.LastDigestThrough));
            grid.AddRow("Since", DocumentsCommands.Time(p.CreatedAt));
            environment.Console.Write(grid);
            return 0;
        }));
        return show;
    }

    private static Command Follow(CliEnvironment environment, string name, string description)
    {
        var email = Email();
        var platforms = Slugs();
        var command = new Command(name, description) { email, platforms };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var directory = session.Get<SubscriberDirectory>();
            var updated = name == "follow"
                ? await directory.FollowAsync(parse.GetValue(email)!, parse.GetValue(platforms)!, ct)
                : await directory.UnfollowAsync(parse.GetValue(email)!, parse.GetValue(platforms)!, ct);
            environment.Console.MarkupLineInterpolated($"{updated.Email}: {Summary(updated)}");
            return 0;
        }));
        return command;
    }

    private static Command SetPlan(CliEnvironment environment)
    {
        var email = Email();
        var plan = new Argument<string>("plan") { Description = $"Plan: {string.Join(", ", Plans.All.Select(p => p.Name))}." };
        var command = new Command("set-plan", "Change a subscriber's plan. Refused when they follow more platforms than the new plan allows.") { email, plan };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var updated = await session.Get<SubscriberDirectory>().SetPlanAsync(parse.GetValue(email)!, parse.GetValue(plan)!, ct);
            environment.Console.MarkupLineInterpolated($"{updated.Email}: {Summary(updated)}");
            return 0;
        }));
        return command;
    }

    private static Command Preferences(CliEnvironment environment)
    {
        var email = Email();
        var alerts = new Option<bool?>("--alerts") { Description = "Same-day alerts on (true) or off (false)." };
        var digest = new Option<bool?>("--digest") { Description = "Weekly digest on (true) or off (false)." };
        var severity = new Option<string?>("--min-severity") { Description = "Same-day alerts only for changes at least this severe: low (every change, the default), medium or high. The digest lists every change." };
        var command = new Command("preferences", "Turn a subscriber's same-day alerts or weekly digest on or off, and set the minimum severity of same-day alerts.") { email, alerts, digest, severity };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (wantAlerts, wantDigest, wantSeverity) = (parse.GetValue(alerts), parse.GetValue(digest), parse.GetValue(severity));
            if (wantAlerts is null && wantDigest is null && wantSeverity is null)
            {
                CliErrors.Error(environment, "say what to change: --alerts true|false, --digest true|false and/or --min-severity low|medium|high");
                return 2;
            }
            SeverityLevel? minimum = null;
            if (wantSeverity is not null)
            {
                try { minimum = ChangeSeverity.Parse(wantSeverity); }
                catch (FormatException e)
                {
                    CliErrors.Error(environment, $"--min-severity: {e.Message}");
                    return 2;
                }
            }
            var updated = await session.Get<SubscriberDirectory>().SetPreferencesAsync(parse.GetValue(email)!, wantAlerts, wantDigest, ct, minimum);
            environment.Console.MarkupLineInterpolated($"{updated.Email}: {Summary(updated)}");
            return 0;
        }));
        return command;
    }

    private static Command Remove(CliEnvironment environment)
    {
        var email = Email();
        var command = new Command("remove", "Remove a subscriber and what they follow.") { email };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var removed = await session.Get<SubscriberDirectory>().RemoveAsync(parse.GetValue(email)!, ct);
            environment.Console.MarkupLineInterpolated($"[green]removed[/] {removed.Email}");
            return 0;
        }));
        return command;
    }

    private static Command Import(CliEnvironment environment)
    {
        var file = new Argument<string>("file") { Description = "CSV with a header email,plan,platforms[,alerts,digest]; platforms separated by spaces or ';'." };
        var command = new Command("import", "Add subscribers from a CSV file. Every row is checked first; if any is bad, each problem is listed by line and nothing is written.") { file };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var added = await session.Get<SubscriberDirectory>().ImportCsvAsync(parse.GetValue(file)!, ct);
            foreach (var subscriber in added) environment.Console.MarkupLineInterpolated($"added {subscriber.Email}: {Summary(subscriber)}");
            environment.Console.MarkupLineInterpolated($"[green]{added.Count} subscribers imported.[/]");
            return 0;
        }));
        return command;
    }

    private static string Summary(SubscriberRecord p) =>
        $"{p.Plan} plan, follows {p.Follows}; " +
        $"alerts {(p.AlertsEnabled ? AlertsApply(p) ? "on" : "on (not in this plan)" : "off")}" +
        $"{(p.AlertsEnabled && p.MinimumAlertSeverity is { } min && min != "low" ? $" ({min} severity and above)" : "")}, digest {(p.DigestEnabled ? "on" : "off")}";

    private static bool AlertsApply(SubscriberRecord p) => EmailEligibility.AlertsInPlan(p);

    private static string OnOff(bool on, bool applies) => on ? applies ? "[green]on[/]" : "[grey]on (not in plan)[/]" : "off";
}
