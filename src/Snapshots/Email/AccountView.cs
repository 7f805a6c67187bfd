namespace Snapshots.Email;

/// <summary>The manage-link email as its templates read it (<see cref="AccountEmail"/>).</summary>
public sealed record AccountView(string ManageLink, string Plan, string Platforms, string ValidFor);
