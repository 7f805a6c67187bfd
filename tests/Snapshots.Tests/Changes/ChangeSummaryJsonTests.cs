using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class ChangeSummaryJsonTests
{
    private static ChangeSummary Sample()
    {
        var current = Documents.Replace(Documents.Policy, "30 days", "90 days");
        current = Documents.Replace(current, "## Governing law", "## AI training\n\nWe may use your content to train our models.\n\n## Governing law");
        current = Documents.Replace(current, "## Data retention", "## Storage");
        return new ChangeSummarizer().Summarize(Documents.Policy, current);
    }

    [Fact]
    public void Round_trips_every_field()
    {
        var summary = Sample();

        var json = ChangeSummaryJson.Serialize(summary);
        var back = ChangeSummaryJson.Deserialize(json);

        Assert.Equal(json, ChangeSummaryJson.Serialize(back));
        Assert.Equal(summary.Sections.Count, back.Sections.Count);
        for (var i = 0; i < summary.Sections.Count; i++)
        {
            Assert.Equal(summary.Sections[i] with { Topics = [] }, back.Sections[i] with { Topics = [] });
            Assert.Equal(summary.Sections[i].Topics, back.Sections[i].Topics);
        }
        Assert.Equal(summary with { Sections = [], Topics = [] }, back with { Sections = [], Topics = [] });
        Assert.Equal(summary.Describe(), back.Describe());
    }

    [Fact]
    public void Json_is_compact_camel_case_with_enum_names_and_no_nulls()
    {
        var json = ChangeSummaryJson.Serialize(Sample());

        Assert.Contains("\"kind\":\"added\"", json);
        Assert.Contains("\"previousTitle\":\"Data retention\"", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("\"omittedSections\"", json);
        Assert.DoesNotContain("\n", json);
        Assert.DoesNotContain("\": ", json);
    }

    [Fact]
    public void A_summary_that_fits_is_not_trimmed()
    {
        var summary = Sample();

        Assert.Equal(ChangeSummaryJson.Serialize(summary), ChangeSummaryJson.SerializeWithin(summary));
    }

    [Fact]
    public void Trimming_drops_trailing_sections_and_keeps_counts()
    {
        var previous = string.Join("\n\n", Enumerable.Range(1, 400).Select(i => $"## Clause number {i}\n\nOriginal wording of clause {i}."));
        var current = string.Join("\n\n", Enumerable.Range(1, 400).Select(i => $"## Clause number {i}\n\nAmended wording of clause {i}."));
        var summary = new ChangeSummarizer().Summarize(previous, current);
        var full = ChangeSummaryJson.Serialize(summary);
        Assert.True(full.Length > 10_000, $"test needs a large summary, got {full.Length}");

        var json = ChangeSummaryJson.SerializeWithin(summary, 10_000);
        var back = ChangeSummaryJson.Deserialize(json);

        Assert.True(json.Length <= 10_000);
        Assert.Equal(400, back.SectionsModified);
        Assert.Equal((400, 400, 400), (back.WordsAdded, back.WordsRemoved, back.ParagraphsChanged));
        Assert.InRange(back.Sections.Count, 1, 399);
        Assert.Equal(400, back.Sections.Count + back.OmittedSections);
        Assert.Equal("Clause number 1", back.Sections[0].Title);
        Assert.StartsWith("400 sections modified (Clause number 1, Clause number 2, Clause number 3 and 397 more)", back.Describe());
        // One more section would not have fitted.
        Assert.True(ChangeSummaryJson.Serialize(back with
        {
            Sections = summary.Sections.Take(back.Sections.Count + 1).ToList(),
            OmittedSections = back.OmittedSections - 1,
        }).Length > 10_000);
    }

    [Fact]
    public void Default_limit_fits_a_table_string_property()
    {
        var previous = string.Join("\n\n", Enumerable.Range(1, 1500).Select(i => $"## Clause {i}\n\nOld text {i}."));
        var summary = new ChangeSummarizer().Summarize(previous, "Nothing left.");
        Assert.True(ChangeSummaryJson.Serialize(summary).Length > ChangeSummaryJson.TablePropertyMaxCharacters);

        var back = ChangeSummaryJson.Deserialize(ChangeSummaryJson.SerializeWithin(summary));

        Assert.True(ChangeSummaryJson.SerializeWithin(summary).Length <= 32_768);
        Assert.Equal((1500, 1), (back.SectionsRemoved, back.SectionsAdded));
        Assert.True(back.OmittedSections > 0);
    }
}
