using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public sealed class SubscriberCsvTests
{
    [Fact]
    public void Rows_carry_their_line_numbers_platforms_split_on_spaces_or_semicolons_and_flags()
    {
        var csv = SubscriberCsv.Parse("""
            email,plan,platforms,alerts,digest
            a@example.com,watcher,openai; mistral-ai,no,

            "b@example.com",free,"openai",,off
            """);

        Assert.Empty(csv.Problems);
        Assert.Equal(2, csv.Rows.Count);
        var first = csv.Rows[0];
        Assert.Equal((2, "a@example.com", "watcher", false, (bool?)null), (first.Line, first.Email, first.Plan, first.Alerts, first.Digest));
        Assert.Equal(["mistral-ai", "openai"], first.Platforms);
        Assert.Equal(4, csv.Rows[1].Line);
        Assert.Equal("b@example.com", csv.Rows[1].Email);
        Assert.Equal(["openai"], csv.Rows[1].Platforms);
        Assert.Null(csv.Rows[1].Alerts);
        Assert.False(csv.Rows[1].Digest);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_the_optional_ones_may_be_missing()
    {
        var csv = SubscriberCsv.Parse("Platforms,EMAIL,plan\nopenai anthropic,c@example.com,monitor\n");

        var row = Assert.Single(csv.Rows);
        Assert.Equal(("c@example.com", "monitor"), (row.Email, row.Plan));
        Assert.Equal(["anthropic", "openai"], row.Platforms);
        Assert.Null(row.Alerts);
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_number()
    {
        var csv = SubscriberCsv.Parse("email,plan,platforms,alerts\na@example.com,free,openai,maybe\nb@example.com,free,\"openai\nc@example.com,free,openai,yes,extra\n");

        Assert.Equal(["line 2: alerts is 'maybe': expected true or false (yes/no, on/off, 1/0)", "line 3: a quoted field is not closed", "line 4: 5 fields, but the header has 4"],
            csv.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("email,plan\na@example.com,free", "no platforms column")]
    [InlineData("email,plan,platforms,colour\n", "unknown column 'colour'")]
    [InlineData("", "empty")]
    public void A_bad_header_is_reported_on_its_line(string text, string problem)
    {
        var csv = SubscriberCsv.Parse(text);

        var reported = Assert.Single(csv.Problems);
        Assert.Equal(1, reported.Line);
        Assert.Contains(problem, reported.Problem);
        Assert.Empty(csv.Rows);
    }
}
