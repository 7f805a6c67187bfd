using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ProvisionMapCodecTests
{
    private const string First = "# Terms\n\n## 1. Use\n\n1.1 You may use the service.\n\n1.2 You must not misuse it:\n\n- no scraping\n- no spam\n\n## 2. Data\n\n| Purpose | Legal basis |\n|---|---|\n| Support | Contract |\n| Product improvement | Legitimate interest |\n";
    private const string Second = "# Terms\n\n## 1. Use\n\n1.1 You may use the service.\n\n1.2 You must not misuse it:\n\n- no scraping\n- no spam or bulk messages\n\n## 2. Data\n\n| Purpose | Legal basis |\n|---|---|\n| Support | Contract |\n| Product improvement | Legitimate interest |\n";

    [Fact]
    public void A_map_reads_back_as_it_was_written()
    {
        var first = ProvisionLedger.Map(1, First, null, null);
        var second = ProvisionLedger.Map(2, Second, first, First);

        var read = ProvisionMapCodec.FromEntity(ProvisionMapCodec.ToEntity("acme~terms-of-service", "0000000002", second));

        Assert.Equal((second.Sequence, second.TextSha256), (read.Sequence, read.TextSha256));
        Assert.Equal(second.Provisions.Select(Describe), read.Provisions.Select(Describe));
        Assert.Equal(second.Events.Select(e => (e.Kind, string.Join(",", e.PreviousIds), string.Join(",", e.CurrentIds), e.TextChanged, e.Moved, e.Renumbered)),
            read.Events.Select(e => (e.Kind, string.Join(",", e.PreviousIds), string.Join(",", e.CurrentIds), e.TextChanged, e.Moved, e.Renumbered)));
        Assert.Equal(second.RetiredSlugs, read.RetiredSlugs);
    }

    [Fact]
    public void A_second_version_keeps_the_ids_of_what_it_follows_and_marks_only_the_edited_item()
    {
        var first = ProvisionLedger.Map(1, First, null, null);
        var second = ProvisionLedger.Map(2, Second, first, First);

        Assert.Equal(first.Provisions.Select(p => p.Id), second.Provisions.Select(p => p.Id));
        var changed = Assert.Single(second.Events, e => e.IsChange);
        Assert.Equal(ProvisionEventKind.Modified, changed.Kind);
        Assert.Contains("no spam or bulk messages", second.FindById(changed.CurrentId!)!.Provision.Text(Second));
    }

    [Fact]
    public void A_removed_provision_retires_its_slug()
    {
        var first = ProvisionLedger.Map(1, First, null, null);
        var shorter = First.Replace("| Product improvement | Legitimate interest |\n", "", StringComparison.Ordinal);
        var second = ProvisionLedger.Map(2, shorter, first, First);

        var removed = Assert.Single(second.Events, e => e.Kind == ProvisionEventKind.Removed);
        Assert.Equal([first.FindById(removed.PreviousId!)!.Slug], second.RetiredSlugs);
    }

    [Fact]
    public void A_map_too_large_for_a_row_is_refused_with_its_version()
    {
        var text = string.Join("\n\n", Enumerable.Range(0, 40_000).Select(i => $"Paragraph {i}: {Guid.NewGuid():N} {Guid.NewGuid():N}."));
        var map = ProvisionLedger.Map(7, text, null, null);
        var e = Assert.Throws<InvalidOperationException>(() => ProvisionMapCodec.ToEntity("p", "r", map));
        Assert.Contains("version 7", e.Message);
    }

    private static string Describe(TrackedProvision t) =>
        $"{t.Id}|{t.Slug}|{t.Provision.Ordinal}|{t.Provision.Kind}|{string.Join(">", t.Provision.HeadingPath)}|{t.Provision.Range}|{string.Join(";", t.Provision.Context)}|{t.Provision.Sha256}|{t.Provision.Slug}";
}
