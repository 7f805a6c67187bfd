using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Email;

/// <summary>
/// Composes the alert of the provisions a version changed that a set of followers follow: subject and first line name the
/// provision and its clause type ("Mistral AI Commercial Terms: Training opt-out carve-out modified"), then each provision's
/// words before and after with the word-level change, its clause types, and the version's evidence and citation. The same
/// for every follower of that set, with <see cref="ComposedEmail.PlanNotePlaceholder"/> where each one's plan note goes.
/// </summary>
internal sealed class ProvisionAlertComposer(DocumentCatalog catalog, VersionLedger ledger, ProvisionReader provisions, EmailTemplates templates, PublicSite site)
{
    public async Task<ComposedEmail> ComposeAsync(DocumentId id, long sequence, IReadOnlyList<string> slugs, CancellationToken ct = default)
    {
        var document = await catalog.GetAsync(id, ct);
        var version = await ledger.GetAsync(id, sequence, ct);
        var changes = (await provisions.ChangesAsync(document, sequence, ct)).Where(c => slugs.Contains(c.Slug, StringComparer.Ordinal)).ToList();
        if (changes.Count == 0)
            throw new InvalidOperationException($"version {sequence} of {id} changed none of the provisions {string.Join(", ", slugs)}: there is nothing to tell");
        return Render(document, version, changes, provisions.Catalog);
    }

    public ComposedEmail Render(DocumentRecord document, VersionRecord version, IReadOnlyList<ChangedProvision> changes, ClauseTypeCatalog catalog)
    {
        var first = changes[0];
        var more = changes.Count - 1;
        var subject = $"{document.PlatformName} {document.TermsType}: {first.Name(catalog)} {first.Verb}{(more == 0 ? "" : $" and {more} more {(more == 1 ? "provision" : "provisions")} changed")}";
        var severity = changes.SelectMany(c => c.Provision.Types).Select(t => (SeverityLevel?)t.Severity).Max();
        var page = site.VersionUrl(document.Id, version.Sequence);
        var evidence = new EvidenceView(document.Id.ToString(), Citation.SourceOf(document, version), SourceLink.Href(Citation.SourceOf(document, version)),
            EmailFormat.Time(version.CapturedAt), EmailFormat.Number(version.Sequence), version.ChangedFromSha256 ?? "(none: first version)", version.TextSha256,
            Citation.Line(document, version, page), page.AbsoluteUri);
        var view = new ProvisionAlertView(subject, subject, severity is { } s ? $"Severity {s.ToString().ToLowerInvariant()}" : "",
            changes.Select(c => View(document, c, catalog)).ToList(), evidence);
        var layout = new LayoutModel(subject, $"{first.Name(catalog)} {first.Verb}",
            $"You get this alert because you follow {(changes.Count == 1 ? "this provision" : "these provisions")} of {document.PlatformName} on Snapshots. {ComposedEmail.PlanNotePlaceholder}");
        return new ComposedEmail(subject, templates.Html(ProvisionAlertEmail.Kind, view, layout), templates.Text(ProvisionAlertEmail.Kind, view, layout), ProvisionAlertEmail.Kind);
    }

    private ProvisionChangeView View(DocumentRecord document, ChangedProvision change, ClauseTypeCatalog catalog)
    {
        var p = change.Provision;
        var gained = change.GainedTypeIds;
        var types = string.Join(", ", p.Types.Select(t =>
            $"{catalog.NameOf(t.TypeId)} ({t.Severity.ToString().ToLowerInvariant()}, {t.Confidence.ToString().ToLowerInvariant()}{(gained.Contains(t.TypeId) ? ", new" : "")})"));
        var lost = string.Join(", ", change.LostTypeIds.Select(catalog.NameOf));
        var segments = WordDiff.CompareWords(change.Before?.Text ?? "", change.After?.Text ?? "").Select(SegmentView.From).ToList();
        return new ProvisionChangeView(change.Name(catalog), change.Verb, p.Slug, p.Provision.Path, types.Length == 0 ? "none" : types, lost,
            p.Severity?.ToString().ToLowerInvariant() ?? "", change.Before?.Quoted, change.After?.Quoted, segments,
            site.Url(PublicSite.ProvisionPath(document.Id, p.Slug)).AbsoluteUri, p.Provision.Sha256);
    }
}
