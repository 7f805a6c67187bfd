namespace Snapshots.Subscribers;

/// <summary>One follow as a person reads it (<see cref="FollowDescriber"/>).</summary>
/// <param name="Word">The follow as <see cref="Follows.Parse"/> reads it: what a form posts back.</param>
/// <param name="Name">"Example AI", "Retention period".</param>
/// <param name="Detail">"every change to its documents", "provision data-retention of Example AI’s Privacy Policy", ….</param>
/// <param name="Path">Its page on the site.</param>
public sealed record FollowDescription(string Word, string Name, string Detail, string Path);
