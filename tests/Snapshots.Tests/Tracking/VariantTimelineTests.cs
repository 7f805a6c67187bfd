using Snapshots.Archive;
using Snapshots.Tracking;

namespace Snapshots.Tests.Tracking;

public class VariantTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 18, 7, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    private static VersionRecord Version(long sequence, string sha, double day) =>
        new() { Sequence = sequence, TextSha256 = sha, CapturedAt = Start.AddDays(day), ChainHash = $"chain{sequence}", TextBlob = $"doc/{sha}.md" };

    private static VariantObservation Seen(long sequence, string sha, double day) =>
        new() { Sequence = sequence, TextSha256 = sha, CapturedAt = Start.AddDays(day) };

    [Fact]
    public void A_text_served_within_the_window_is_a_known_variant()
    {
        var timeline = new VariantTimeline([Version(1, "a", 0), Version(2, "b", 1)], []);

        Assert.Equal(1, timeline.KnownVariant("a", Start.AddDays(20), Window)?.Sequence);
        Assert.Null(timeline.KnownVariant("c", Start.AddDays(20), Window));
    }

    [Fact]
    public void A_text_last_served_before_the_window_is_not_known()
    {
        // Version 1 was served from day 0 until version 2 on day 1: 40 days later it is outside a 30-day window.
        var timeline = new VariantTimeline([Version(1, "a", 0), Version(2, "b", 1)], []);

        Assert.Null(timeline.KnownVariant("a", Start.AddDays(41), Window));
    }

    [Fact]
    public void An_observation_renews_when_a_text_was_last_served()
    {
        var timeline = new VariantTimeline([Version(1, "a", 0), Version(2, "b", 1)], [Seen(1, "a", 35), Seen(2, "b", 36)]);

        Assert.Equal(1, timeline.KnownVariant("a", Start.AddDays(50), Window)?.Sequence);
    }

    [Fact]
    public void A_zero_window_knows_nothing()
    {
        var timeline = new VariantTimeline([Version(1, "a", 0), Version(2, "b", 1)], []);

        Assert.Null(timeline.KnownVariant("a", Start.AddDays(1.5), TimeSpan.Zero));
    }

    [Fact]
    public void Flips_are_counted_per_pair_of_versions_with_their_first_time()
    {
        var timeline = new VariantTimeline(
            [Version(1, "a", 0), Version(2, "b", 1), Version(3, "c", 10)],
            [Seen(1, "a", 2), Seen(2, "b", 3), Seen(2, "b", 3.5), Seen(1, "a", 4), Seen(2, "b", 5), Seen(3, "c", 11)]);

        var flips = Assert.Single(timeline.Flips());
        Assert.Equal((1, 2, 4), (flips.A, flips.B, flips.Returns));
        Assert.Equal("alternates between versions 1 and 2, 4 times since 2026-02-20 07:00 UTC (last 2026-02-23 07:00 UTC)", flips.ToString());
    }

    [Fact]
    public void An_observation_hash_changes_with_every_field_it_covers()
    {
        var at = Start.AddDays(2);
        var hash = VariantObservation.HashOf("chain", "sha", at, 1);

        Assert.NotEqual(hash, VariantObservation.HashOf("chain2", "sha", at, 1));
        Assert.NotEqual(hash, VariantObservation.HashOf("chain", "sha2", at, 1));
        Assert.NotEqual(hash, VariantObservation.HashOf("chain", "sha", at.AddMilliseconds(1), 1));
        Assert.NotEqual(hash, VariantObservation.HashOf("chain", "sha", at, 2));
        Assert.Equal(hash, VariantObservation.HashOf("chain", "sha", at.AddTicks(10), 1)); // kept to the millisecond, as stored
    }
}
