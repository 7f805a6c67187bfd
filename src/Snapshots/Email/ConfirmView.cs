namespace Snapshots.Email;

/// <summary>The confirmation email as its templates read it (<see cref="ConfirmEmail"/>).</summary>
public sealed record ConfirmView(string Link, string Plan, string Platforms, string ValidFor);
