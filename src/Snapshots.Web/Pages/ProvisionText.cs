using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Web.Pages;

/// <summary>How pages name, excerpt and highlight a provision: its matched words marked, its severity and confidence in words.</summary>
public static class ProvisionText
{
    /// <summary>What a link to the provision says: the heading it sits under, or its kind when it has none.</summary>
    public static string Title(ClassifiedProvision provision) =>
        provision.Provision.HeadingPath.Count > 0 ? provision.Provision.HeadingPath[^1] : Kind(provision.Provision.Kind);

    /// <summary>The name a reader gives it: its clause types ("Training opt-out carve-out"), else its heading.</summary>
    public static string Name(ClassifiedProvision provision, ClauseTypeCatalog catalog) =>
        provision.Types.Count > 0 ? string.Join(", ", provision.Types.Select(t => catalog.NameOf(t.TypeId))) : Title(provision);

    public static string Kind(ProvisionKind kind) => kind switch
    {
        ProvisionKind.Clause => "Numbered clause",
        ProvisionKind.ListItem => "List item",
        ProvisionKind.TableRow => "Table row",
        _ => "Paragraph",
    };

    public static string Severity(SeverityLevel? severity) => severity?.ToString().ToLowerInvariant() ?? "none";

    public static string Confidence(ClauseConfidence confidence) => confidence == ClauseConfidence.Explicit ? "explicit" : "inferred";

    /// <summary>The marks of the given types' words in one part of the quoted provision: its own text (-1) or context range k.</summary>
    public static IEnumerable<TextMark> Marks(ClassifiedProvision provision, ClauseTypeCatalog catalog, int part, string? onlyType = null) =>
        provision.Types.Where(t => onlyType is null || t.TypeId == onlyType)
            .SelectMany(t => t.Evidence.Where(e => e.Context == part)
                .Select(e => new TextMark(e.Start, e.Length, e.Role, $"{catalog.NameOf(t.TypeId)}: {e.Role}")));

    /// <summary>
    /// A short excerpt that shows why the provision has this type: of its own text when the words matched there, else of the
    /// context range that holds them (a lead-in, a table header).
    /// </summary>
    public static IReadOnlyList<TextRun> Excerpt(ClassifiedProvision provision, ClauseTypeCatalog catalog, string? typeId = null)
    {
        var first = provision.Types.Where(t => typeId is null || t.TypeId == typeId).SelectMany(t => t.Evidence).OrderBy(e => e.Context).FirstOrDefault();
        var part = first is { InContext: true } ? first.Context : -1;
        var text = part < 0 ? provision.Text : ContextText(provision, part);
        return HighlightedText.Excerpt(text, Marks(provision, catalog, part, typeId));
    }

    /// <summary>The quoted provision as parts: each context range (lead-in, parent item, table header), then its own text, marked.</summary>
    public static IReadOnlyList<QuotedPart> Quote(ClassifiedProvision provision, ClauseTypeCatalog catalog)
    {
        var parts = new List<QuotedPart>();
        for (var k = 0; k < provision.Provision.Context.Count; k++)
            parts.Add(new QuotedPart(true, HighlightedText.Of(ContextText(provision, k), Marks(provision, catalog, k))));
        parts.Add(new QuotedPart(false, HighlightedText.Of(provision.Text, Marks(provision, catalog, -1))));
        return parts;
    }

    /// <summary>Context range k as it is in <see cref="ClassifiedProvision.Quoted"/> (the context lines, then the text).</summary>
    private static string ContextText(ClassifiedProvision provision, int k)
    {
        // Quoted joins the context ranges and the text with '\n' (a range may hold line breaks of its own).
        var offset = provision.Provision.Context.Take(k).Sum(c => c.Length + 1);
        return provision.Quoted.Substring(offset, provision.Provision.Context[k].Length);
    }
}

/// <summary>One part of a quoted provision: a context line (lead-in, parent item, table header) or its own text.</summary>
public sealed record QuotedPart(bool IsContext, IReadOnlyList<TextRun> Runs);
