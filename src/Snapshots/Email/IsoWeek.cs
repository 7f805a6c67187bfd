using System.Globalization;

namespace Snapshots.Email;

/// <summary>
/// An ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), written <c>2026-W47</c>.
/// Times are taken in UTC. The week-based year can differ from the calendar year around New Year:
/// 2026-12-31 is in 2026-W53, 2027-01-01 too, and 2024-12-30 is in 2025-W01.
/// </summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    public static IsoWeek Of(DateTimeOffset time)
    {
        var date = time.UtcDateTime;
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    /// <summary>Monday 00:00 UTC of this week.</summary>
    public DateTimeOffset Start => new(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday), TimeSpan.Zero);

    /// <summary>Monday 00:00 UTC of the following week (exclusive end).</summary>
    public DateTimeOffset End => Start.AddDays(7);

    public IsoWeek AddWeeks(int weeks) => Of(Start.AddDays(7 * weeks));

    /// <summary>This week and the <paramref name="count"/> − 1 before it, oldest first.</summary>
    public IReadOnlyList<IsoWeek> LastWeeks(int count)
    {
        var last = this;
        return Enumerable.Range(0, count).Select(i => last.AddWeeks(i - count + 1)).ToList();
    }

    public bool Contains(DateTimeOffset time) => Of(time) == this;

    public static IsoWeek Parse(string text)
    {
        var parts = text.Trim().Split("-W", StringSplitOptions.None);
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            && year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
            return new IsoWeek(year, week);
        throw new FormatException($"'{text}' is not an ISO week: expected YYYY-Www, e.g. 2026-W47");
    }

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public override string ToString() => $"{Year:D4}-W{Week:D2}";
}
