using Snapshots.Email;
using Snapshots.Subscribers;

namespace Snapshots.Tests.Email;

public sealed class DigestWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_digest_covers_the_last_seven_days()
    {
        var window = DigestWindow.For(new SubscriberRecord(), Now);

        Assert.Equal(Now.AddDays(-7), window.Start);
        Assert.Equal(Now, window.End);
    }

    [Fact]
    public void A_later_digest_starts_where_the_last_one_ended_however_long_ago()
    {
        var last = Now.AddDays(-17).AddHours(3);

        var window = DigestWindow.For(new SubscriberRecord { LastDigestThrough = last }, Now);

        Assert.Equal(last, window.Start);
        Assert.Equal(TimeSpan.FromDays(17) - TimeSpan.FromHours(3), window.Length);
    }

    [Fact]
    public void A_mark_in_the_future_gives_an_empty_window_not_a_negative_one()
    {
        var window = DigestWindow.For(Now.AddDays(1), Now);

        Assert.Equal(TimeSpan.Zero, window.Length);
        Assert.False(window.Contains(Now));
    }

    [Fact]
    public void The_start_is_inside_and_the_end_outside_so_consecutive_windows_neither_overlap_nor_leave_gaps()
    {
        var first = DigestWindow.For((DateTimeOffset?)null, Now);
        var second = DigestWindow.For(first.End, Now.AddDays(7));

        Assert.True(first.Contains(first.Start));
        Assert.False(first.Contains(Now));
        Assert.True(second.Contains(Now));
        Assert.Equal(first.End, second.Start);
    }
}
