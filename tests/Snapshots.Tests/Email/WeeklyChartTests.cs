using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class WeeklyChartTests
{
    [Fact]
    public void Twelve_bars_proportional_to_the_busiest_week()
    {
        var bars = WeeklyChart.Bars(SampleEmails.Weeks(0, 1, 0, 2, 0, 0, 4, 1, 0, 0, 2, 3));
        Assert.Equal(12, bars.Count);
        Assert.Equal([0, 16, 0, 32, 0, 0, 64, 16, 0, 0, 32, 48], bars.Select(b => b.Height));
        Assert.All(bars, b => Assert.Equal(WeeklyChart.MaxBarPixels, b.Height + b.Space));
        Assert.True(bars[^1].IsLatest);
        Assert.Equal(1, bars.Count(b => b.IsLatest));
    }

    [Fact]
    public void Zero_weeks_keep_their_column_and_label()
    {
        var bars = WeeklyChart.Bars(SampleEmails.Weeks(new int[12]));
        Assert.Equal(12, bars.Count);
        Assert.All(bars, b => Assert.Equal((0, 0), (b.Changes, b.Height)));
        Assert.Equal("W36", bars[0].Label);
        Assert.Equal("W47", bars[^1].Label);
    }

    [Fact]
    public void A_small_week_beside_a_busy_one_stays_visible()
    {
        var counts = new int[12];
        counts[0] = 1;
        counts[11] = 100;
        var bars = WeeklyChart.Bars(SampleEmails.Weeks(counts));
        Assert.Equal(WeeklyChart.MinimumBarPixels, bars[0].Height);
        Assert.Equal(WeeklyChart.MaxBarPixels, bars[11].Height);
    }

    [Fact]
    public void Only_the_last_twelve_weeks_are_drawn()
    {
        var bars = WeeklyChart.Bars(SampleEmails.Weeks(9, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2));
        Assert.Equal(12, bars.Count);
        Assert.Equal(1, bars[0].Changes);
    }
}
