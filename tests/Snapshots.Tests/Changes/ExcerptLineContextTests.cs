using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public sealed class ExcerptLineContextTests
{
    [Fact]
    public void The_context_of_a_changed_table_cell_stays_on_its_row()
    {
        const string before = "# Policy\n\n## Retention\n\n| Data | Period |\n| --- | --- |\n| Inputs | 30 days |\n| Invoices | 10 years |\n";
        var diff = new ChangeSummarizer().Compare(before, before.Replace("30 days", "90 days"));

        var excerpt = DiffExcerpt.Build(diff);
        var text = string.Concat(excerpt.Hunks.SelectMany(h => h.Segments).Select(s => s.Text));

        Assert.Contains("| Inputs | ", text);
        Assert.Contains("90", text);
        Assert.DoesNotContain("---", text);
        Assert.DoesNotContain("Invoices", text);
    }
}
