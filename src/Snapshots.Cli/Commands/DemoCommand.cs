using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Snapshots.Cli.Local;
using Snapshots.Fetching;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Subscribers;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots demo</c>: the whole pipeline on a laptop with no network. Serves the sample legal pages of <c>samples/</c>
/// on loopback, tracks them with the shipped Mistral AI declaration's selectors (the document whose subprocessor list is
/// rendered by a script only when a Chromium is there), captures them, edits the privacy policy
/// like a platform would, captures again, sends the alert to the local outbox and verifies the archive.
/// </summary>
public static class DemoCommand
{
    public const string PlatformName = "Mistral AI (demo)";
    public const string DemoSubscriber = "compliance@example.com";

    public static Command Create(CliEnvironment environment)
    {
        var demo = new Command("demo", "Run the whole pipeline offline on sample pages: capture, change, alert in the outbox, verify.");
        demo.SetAction((_, ct) =>
        {
            if (ShippedFiles.Samples() is not { } samples || ShippedFiles.Declarations() is not { } declarations)
            {
                CliErrors.Error(environment, $"the demo's sample pages and declarations are missing: neither a checkout's samples/ and declarations/ nor {Path.Combine(AppContext.BaseDirectory, ShippedFiles.PackedFolder)} was found (reinstall the tool, or run it from a checkout).");
                return Task.FromResult(2);
            }
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(environment.Configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "true" })
                .Build();
            var port = int.TryParse(configuration[PortSetting], out var configured) ? configured : SampleSite.DefaultPort;
            return SnapshotsCli.WithSessionAsync(environment with { Configuration = configuration }, ct, session => RunAsync(environment.Console, session, samples, declarations, port, ct));
        });
        return demo;
    }

    /// <summary>The sample site's port (default <see cref="SampleSite.DefaultPort"/>); fixed, so that a second run sees the same links.</summary>
    public const string PortSetting = "Demo:Port";

    private static async Task<int> RunAsync(IAnsiConsole console, CliSession session, string samples, string declarations, int port, CancellationToken ct)
    {
        SampleSite site;
        try { site = await SampleSite.StartAsync(samples, port); }
        catch (IOException)
        {
            // The fixed port is taken: links in the captured text will name another port, so this run records new versions.
            site = await SampleSite.StartAsync(samples);
            console.MarkupLineInterpolated($"[yellow]Port {port} is in use: serving on {site.BaseUri.Port} instead, so links in the pages differ from an earlier demo run and are recorded as changes.[/]");
        }
        await using var _ = site;
        console.MarkupLineInterpolated($"[bold]1.[/] Serving the sample pages at {site.BaseUri} (they stand in for https://mistral.ai/terms/, https://mistral.ai/legal/ and https://trust.mistral.ai/subprocessors).");

        var catalog = session.Get<DocumentCatalog>();
        var shipped = DeclarationParser.ParseFile(Path.Combine(declarations, "mistral-ai.json"));
        var browserOptions = session.Get<Microsoft.Extensions.Options.IOptions<FetchOptions>>().Value.Browser;
        var browser = !string.IsNullOrWhiteSpace(browserOptions.Endpoint) || ChromiumLocator.Find(browserOptions.ExecutablePath, out var _) is not null;
        var tracked = new List<DocumentId>();
        foreach (var document in shipped.Documents)
        {
            var pages = document.Sources.Select(s => site.SampleOf(s.Url)).ToList();
            if (pages.Any(page => page is null)) continue;
            if (!browser && document.Sources.Any(s => s.ExecuteClientScripts))
            {
                console.MarkupLineInterpolated($"   {document.TermsType} is left out: its page is rendered by a browser and no Chromium was found ({ChromiumLocator.InstallHint}).");
                continue;
            }
            var local = document with
            {
                PlatformName = PlatformName,
                PlatformSlug = Slug.From(PlatformName),
                Sources = document.Sources.Zip(pages, (s, page) => s with { Fetch = page!.AbsoluteUri }).ToList(),
            };
            await catalog.UpsertAsync(local, ct);
            tracked.Add(local.Id);
        }
        console.MarkupLineInterpolated($"[bold]2.[/] Tracking {tracked.Count} documents with the selectors of declarations/mistral-ai.json: {string.Join(", ", tracked)}.");

        var subscribers = session.Get<SubscriberDirectory>();
        if (await subscribers.FindAsync(DemoSubscriber, ct) is null)
            await subscribers.AddAsync(DemoSubscriber, Plans.Watcher.Name, [Slug.From(PlatformName)], ct: ct);
        console.MarkupLineInterpolated($"   Subscriber {DemoSubscriber} (watcher plan: same-day alerts and the weekly digest) follows {Slug.From(PlatformName)}.");

        var privacy = tracked.First(id => id.TermsType == "privacy-policy");
        // A second run finds the archive as the first left it: the platform has already made its edit, so it serves the edited
        // page from the start and both checks find nothing new (nothing recorded, nothing sent).
        var rerun = (await catalog.GetAsync(privacy, ct)).VersionCount >= 2;
        if (rerun)
        {
            EditPrivacyPolicy(site);
            console.MarkupLine("   The demo ran before on this archive: the site serves the privacy policy as it was edited then, so this run should record nothing and send nothing.");
        }

        var documents = await Task.WhenAll(tracked.Select(id => catalog.GetAsync(id, ct)));
        var cycle = session.Get<CaptureCycle>();
        var first = await cycle.RunAsync(documents, ct: ct);
        Report(console, "3.", "First check", first);
        await LocalDelivery.DeliverPendingAsync(session, console, ct);

        if (!rerun) EditPrivacyPolicy(site);
        console.MarkupLine(rerun
            ? "[bold]4.[/] (The platform's edit of its privacy policy was made on the earlier run.)"
            : "[bold]4.[/] The platform edits its privacy policy: retention 30 → 90 days, API data now used for training unless customers opt out.");

        documents = await Task.WhenAll(tracked.Select(id => catalog.GetAsync(id, ct)));
        var second = await cycle.RunAsync(documents, ct: ct);
        Report(console, "5.", rerun ? "Second check" : "Second check (the change fans out to the watcher: a same-day alert)", second);
        await LocalDelivery.DeliverPendingAsync(session, console, ct);

        var report = await session.Get<ArchiveVerifier>().VerifyAsync(ct: ct);
        var verdict = report.Passed ? "[green]every blob and chain link matches[/]" : $"[red]{report.Problems.Count} problems[/]";
        console.MarkupLine($"[bold]6.[/] verify: {verdict} ({report.Versions} versions, {report.Blobs} blobs).");

        var record = await catalog.GetAsync(privacy, ct);
        var version = await session.Get<VersionLedger>().GetAsync(privacy, record.VersionCount, ct);
        console.MarkupLine(rerun ? "[bold]7.[/] Evidence for the latest version (snapshots cite):" : "[bold]7.[/] Evidence for the new version (snapshots cite):");
        console.Profile.Out.Writer.WriteLine("   " + Citation.Line(record, version));
        console.MarkupLine("[bold]8.[/] This week's digest for the watcher (preview, no delivery recorded):");
        await DigestCommand.PreviewAsync(session, console, DemoSubscriber, ct);
        console.WriteLine();
        console.MarkupLineInterpolated($"Next: {FirstSteps.Command()} diff {privacy} · {FirstSteps.Command()} history {privacy} · {FirstSteps.Command()} documents list");
        var page = new Uri(new Uri(Web.SnapshotsWebsite.DefaultUrl + "/"), PublicSite.PlatformPath(Slug.From(PlatformName)).TrimStart('/'));
        console.MarkupLineInterpolated($"[bold]Browse the archive:[/] run {FirstSteps.Command()} serve (same storage), then open the demo platform's page:");
        console.Profile.Out.Writer.WriteLine("   " + page.AbsoluteUri);
        var failed = first.Concat(second).Any(o => o.Status == CaptureStatus.Failed);
        return report.Passed && !failed && (rerun || second.Any(o => o.IsChange)) ? 0 : 1;
    }

    private static void EditPrivacyPolicy(SampleSite site) => site.Edit("/mistral.ai/terms/", html => html
        .Replace("<td>30 days, for abuse monitoring</td>", "<td>90 days, for abuse monitoring and model improvement</td>")
        .Replace("We do not use inputs and outputs of API customers to train our models.", "We may use inputs and outputs of API customers to train our models unless they opt out.")
        .Replace("Last updated: September 25, 2026", "Last updated: November 22, 2026"));

    private static void Report(IAnsiConsole console, string step, string title, IReadOnlyList<CaptureOutcome> outcomes)
    {
        console.MarkupLineInterpolated($"[bold]{step}[/] {title}: {outcomes.Count(o => o.IsChange)} new version(s), {outcomes.Count(o => o.Status == CaptureStatus.Unchanged)} unchanged, {outcomes.Count(o => o.Status == CaptureStatus.Failed)} failed.");
        foreach (var outcome in outcomes)
            console.MarkupLineInterpolated($"   {outcome.Document,-40} {outcome.Status.ToString().ToLowerInvariant(),-9} {outcome.Detail}");
    }
}
