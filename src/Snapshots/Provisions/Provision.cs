using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// One provision of one version's text: the smallest unit a reader would quote and cite. Its text is
/// <c>versionText.Substring(Range.Start, Range.Length)</c>; its <see cref="Context"/> is what a reader needs to read it
/// (the lead-in sentence of a list item, the parent item of a nested one, the header row of a table row), given as ranges
/// of the same text, outermost first, and never part of its own text or hash.
/// </summary>
/// <param name="Ordinal">0-based position among the provisions of its version.</param>
/// <param name="Kind">Paragraph, numbered clause, list item or table row.</param>
/// <param name="HeadingPath">The headings it sits under, from the root, as a reader sees them ("3. Your rights", "3.2 Deletion").</param>
/// <param name="Range">Its own text in the version text.</param>
/// <param name="Context">Lead-in, parent item or table header ranges, outermost first; empty when it reads on its own.</param>
/// <param name="Sha256">Lower-case hexadecimal SHA-256 of its own text (UTF-8).</param>
/// <param name="Slug">Readable kebab-case name from its heading and first words, unique within its version.</param>
public sealed record Provision(
    int Ordinal,
    ProvisionKind Kind,
    IReadOnlyList<string> HeadingPath,
    TextRange Range,
    IReadOnlyList<TextRange> Context,
    string Sha256,
    string Slug)
{
    /// <summary>Its own text.</summary>
    public string Text(string versionText) => Range.Of(versionText);

    /// <summary>Its context and its own text, one per line, as a reader would quote it.</summary>
    public string QuotedText(string versionText) =>
        Context.Count == 0 ? Text(versionText) : string.Join('\n', Context.Select(c => c.Of(versionText)).Append(Text(versionText)));

    /// <summary>The heading path joined as sections are ("Privacy Policy > 4. How long we keep your data").</summary>
    public string Path => string.Join(Section.PathSeparator, HeadingPath);
}
