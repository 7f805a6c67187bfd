namespace Snapshots.Email;

/// <summary>The confirmation email as its templates read it (<see cref="ConfirmEmail"/>): the plan and what will be followed.</summary>
internal sealed record ConfirmView(string Link, string Plan, IReadOnlyList<FollowView> Follows, string ValidFor);
