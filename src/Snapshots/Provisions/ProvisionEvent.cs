namespace Snapshots.Provisions;

/// <summary>
/// One entry of the lineage between two versions. <see cref="PreviousIds"/> and <see cref="CurrentIds"/> hold one id each
/// for a provision followed from one version to the next (the same id), none on one side for an addition or a removal,
/// and several on one side for a split (one previous id, several current ids, the first kept) or a merge.
/// </summary>
/// <param name="Similarity">Word similarity of the previous and current text (Dice, 0..1): 1 for the same words.</param>
/// <param name="TextChanged">The text differs by more than white space and a leading clause number.</param>
/// <param name="Moved">Under other headings (compared without their numbering) or out of its former order.</param>
/// <param name="Renumbered">Its clause number or its headings' numbering changed.</param>
public sealed record ProvisionEvent(
    ProvisionEventKind Kind,
    IReadOnlyList<string> PreviousIds,
    IReadOnlyList<string> CurrentIds,
    double Similarity,
    bool TextChanged,
    bool Moved,
    bool Renumbered)
{
    /// <summary>The id this provision had before (the first, for a merge); null for an addition.</summary>
    public string? PreviousId => PreviousIds.Count > 0 ? PreviousIds[0] : null;

    /// <summary>The id it has now (the one kept, for a split); null for a removal.</summary>
    public string? CurrentId => CurrentIds.Count > 0 ? CurrentIds[0] : null;

    /// <summary>Whether a reader of this provision would want to hear of it: anything but unchanged, moved or renumbered.</summary>
    public bool IsChange => TextChanged || Kind is ProvisionEventKind.Added or ProvisionEventKind.Removed or ProvisionEventKind.Split or ProvisionEventKind.Merged;
}
