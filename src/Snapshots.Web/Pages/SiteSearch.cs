using Snapshots.Catalog;
using Snapshots.Provisions;

namespace Snapshots.Web.Pages;

/// <summary>
/// A search over what the site shows: platforms (name, slug), documents (type, id), clause types (name, what they are) and the
/// provisions of each document's latest version (their words, headings and clause types). A hit holds every word of the query
/// (case and accents as typed are compared without case). Bounded: a query of at most <see cref="MaxQueryLength"/> characters and
/// <see cref="MaxTerms"/> words, the provisions of at most <see cref="MaxDocuments"/> documents read, at most <see cref="MaxResults"/>
/// results kept, shown <see cref="PageSize"/> a page.
/// </summary>
public sealed class SiteSearch(ArchiveReader reader, ProvisionReader provisions)
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;
    public const int MaxDocuments = 1_000;
    public const int MaxResults = 1_000;
    public const int PageSize = 20;
    private const int ExcerptChars = 160;

    /// <summary>One thing found: its kind (platform, document, clause type, provision), a title, where it is, its address, and words around the hit.</summary>
    public sealed record Hit(string Kind, string Title, string Where, string Href, string Excerpt);

    /// <summary>The hits of <paramref name="query"/>, or a refusal saying why the query cannot be run.</summary>
    public sealed record Outcome(IReadOnlyList<Hit> Hits, bool Truncated, string? Refused);

    /// <summary>Why a query is refused (too long, too many words), or null.</summary>
    public static string? Refusal(string query) =>
        query.Length > MaxQueryLength ? $"A search is at most {MaxQueryLength} characters; this one has {query.Length}."
        : Terms(query).Count > MaxTerms ? $"A search is at most {MaxTerms} words; this one has {Terms(query).Count}."
        : null;

    public static IReadOnlyList<string> Terms(string query) =>
        query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<Outcome> RunAsync(string query, CancellationToken ct)
    {
        if (Refusal(query) is { } refused) return new Outcome([], false, refused);
        var terms = Terms(query);
        if (terms.Count == 0) return new Outcome([], false, null);
        var hits = new List<Hit>();
        var truncated = false;
        bool Add(Hit hit)
        {
            if (hits.Count >= MaxResults) { truncated = true; return false; }
            hits.Add(hit);
            return true;
        }

        var platforms = await reader.PlatformsAsync(ct);
        foreach (var platform in platforms.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
            if (Matches(terms, platform.Name, platform.Slug))
                Add(new Hit("platform", platform.Name, $"{platform.Documents.Count} document{(platform.Documents.Count == 1 ? "" : "s")}", PublicSite.PlatformPath(platform.Slug), platform.Slug));
        var documents = platforms.SelectMany(p => p.Documents).OrderBy(d => d.Id.ToString(), StringComparer.Ordinal).ToList();
        foreach (var document in documents)
            if (Matches(terms, document.PlatformName, document.TermsType, document.Id.ToString()))
                Add(new Hit("document", $"{document.PlatformName}: {document.TermsType}", document.Id.ToString(), PublicSite.DocumentPath(document.Id),
                    $"{document.VersionCount} version{(document.VersionCount == 1 ? "" : "s")}"));
        foreach (var type in provisions.Catalog.Types)
            if (Matches(terms, type.Name, type.Id, type.WhatItIs))
                Add(new Hit("clause type", type.Name, type.Id, ProvisionPaths.ClauseType(type.Id), Excerpt(type.WhatItIs, terms)));

        if (documents.Count > MaxDocuments) truncated = true;
        foreach (var document in documents.Where(d => d.VersionCount > 0).Take(MaxDocuments))
        {
            if (hits.Count >= MaxResults) { truncated = true; break; }
            var latest = await provisions.VersionAsync(document, document.VersionCount, ct);
            if (latest is null) continue;
            foreach (var p in latest.Provisions)
            {
                var types = string.Join(" ", p.Types.Select(t => provisions.Catalog.NameOf(t.TypeId) + " " + t.TypeId));
                if (!Matches(terms, p.Text, p.Provision.Path, types)) continue;
                if (!Add(new Hit("provision", ProvisionText.Title(p), $"{document.PlatformName}: {document.TermsType}, version {document.VersionCount}",
                        ProvisionPaths.Provision(document.Id, p.Slug), Excerpt(p.Text, terms)))) break;
            }
        }
        return new Outcome(hits, truncated, null);
    }

    private static bool Matches(IReadOnlyList<string> terms, params string?[] fields) =>
        terms.All(t => fields.Any(f => f is not null && f.Contains(t, StringComparison.OrdinalIgnoreCase)));

    /// <summary>About <see cref="ExcerptChars"/> characters of <paramref name="text"/> around the first term found in it.</summary>
    private static string Excerpt(string text, IReadOnlyList<string> terms)
    {
        var at = terms.Select(t => text.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, at - ExcerptChars / 3);
        var length = Math.Min(ExcerptChars, text.Length - start);
        var excerpt = text.Substring(start, length).ReplaceLineEndings(" ");
        return (start > 0 ? "…" : "") + excerpt + (start + length < text.Length ? "…" : "");
    }
}
