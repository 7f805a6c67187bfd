using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>A provision of a version with its text and its clause types (each with the words that gave it).</summary>
/// <param name="Quoted">Its context (lead-in, parent item, table header) and its own text, as a reader would quote it.</param>
public sealed record ClassifiedProvision(TrackedProvision Tracked, string Text, string Quoted, IReadOnlyList<ClauseMatch> Types)
{
    public string Id => Tracked.Id;
    public string Slug => Tracked.Slug;
    public Provision Provision => Tracked.Provision;

    /// <summary>The highest severity of its clause types; null when it has none.</summary>
    public SeverityLevel? Severity => Types.Count == 0 ? null : Types.Max(t => t.Severity);

    public bool Has(string typeId) => Types.Any(t => t.TypeId == typeId);

    public static ClassifiedProvision Of(TrackedProvision tracked, string versionText, ClauseClassifier classifier) =>
        new(tracked, tracked.Provision.Text(versionText), tracked.Provision.QuotedText(versionText), classifier.Classify(tracked.Provision, versionText));
}
