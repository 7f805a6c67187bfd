namespace Snapshots.Email;

/// <summary>The manage-link email as its templates read it (<see cref="AccountEmail"/>): the plan and what is followed.</summary>
internal sealed record AccountView(string ManageLink, string Plan, IReadOnlyList<FollowView> Follows, string ValidFor);
