using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-11-16T00:00:00Z", "2026-W47")]
    [InlineData("2026-11-22T23:59:59Z", "2026-W47")]
    [InlineData("2026-12-31T12:00:00Z", "2026-W53")]
    [InlineData("2027-01-01T00:00:00Z", "2026-W53")]
    [InlineData("2027-01-03T23:59:59Z", "2026-W53")]
    [InlineData("2027-01-04T00:00:00Z", "2027-W01")]
    [InlineData("2020-12-31T08:00:00Z", "2020-W53")]
    [InlineData("2021-01-03T08:00:00Z", "2020-W53")]
    [InlineData("2024-12-30T08:00:00Z", "2025-W01")]
    [InlineData("2025-12-29T00:00:00Z", "2026-W01")]
    public void Weeks_around_year_boundaries_follow_iso_8601(string time, string week)
    {
        Assert.Equal(week, IsoWeek.Of(DateTimeOffset.Parse(time)).ToString());
    }

    [Fact]
    public void The_week_is_taken_in_utc()
    {
        // Monday 00:30 in Paris is still Sunday in UTC.
        Assert.Equal("2026-W47", IsoWeek.Of(new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.FromHours(1))).ToString());
    }

    [Fact]
    public void Start_is_monday_midnight_utc_and_end_the_next_monday()
    {
        var week = IsoWeek.Parse("2026-W53");

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 0, 0, 0, TimeSpan.Zero), week.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), week.End);
        Assert.True(week.Contains(new DateTimeOffset(2027, 1, 3, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(week.Contains(week.End));
    }

    [Fact]
    public void Last_weeks_cross_the_year_oldest_first()
    {
        var weeks = IsoWeek.Parse("2027-W02").LastWeeks(4).Select(w => w.ToString());

        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], weeks);
        Assert.Equal(12, IsoWeek.Parse("2026-W05").LastWeeks(12).Distinct().Count());
    }

    [Theory]
    [InlineData("2021-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-47")]
    [InlineData("W47")]
    public void Parse_refuses_what_is_not_a_week_of_that_year(string text)
    {
        var e = Assert.Throws<FormatException>(() => IsoWeek.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Parse_round_trips_and_weeks_order()
    {
        Assert.Equal(new IsoWeek(2020, 53), IsoWeek.Parse("2020-W53"));
        Assert.True(IsoWeek.Parse("2026-W53").CompareTo(IsoWeek.Parse("2027-W01")) < 0);
    }
}
