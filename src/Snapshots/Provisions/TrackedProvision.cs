namespace Snapshots.Provisions;

/// <summary>A provision of a version with the identity the lineage gave it: its <see cref="ProvisionId"/> and its slug.</summary>
public sealed record TrackedProvision(string Id, string Slug, Provision Provision);
