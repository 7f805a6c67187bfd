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
        Assert.Equal(second.Events.Select(DescribeEvent), read.Events.Select(DescribeEvent));
        Assert.Equal(second.RetiredSlugs, read.RetiredSlugs);
    }

    [Fact]
    public void A_row_written_in_format_1_reads_back_as_the_map_it_holds()
    {
        // Written by the format-1 codec (gzip-compressed JSON): the map of Second less its last table row, after First.
        var shorter = Second.Replace("| Product improvement | Legitimate interest |\n", "", StringComparison.Ordinal);
        var stored = new Azure.Data.Tables.TableEntity("acme~terms-of-service", "0000000002")
        {
            ["Sequence"] = 2L, ["TextSha256"] = "d906c5f49448753719ad652e5a1697e96046623655d005fb38612a89575b61aa", ["Format"] = 1, ["Count"] = 5, ["Parts"] = 1,
            ["Data0"] = Convert.FromBase64String(Format1Data),
        };
        var expected = ProvisionLedger.Map(2, shorter, ProvisionLedger.Map(1, First, null, null), First);

        var read = ProvisionMapCodec.FromEntity(stored);

        Assert.Equal(expected.TextSha256, read.TextSha256);
        Assert.Equal(expected.Provisions.Select(Describe), read.Provisions.Select(Describe));
        Assert.Equal(expected.Events.Select(DescribeEvent), read.Events.Select(DescribeEvent));
        Assert.Equal(expected.RetiredSlugs, read.RetiredSlugs);
    }

    [Fact]
    public void A_map_of_a_long_policy_reads_back_whole_and_takes_fewer_bytes_than_its_json()
    {
        var policy = string.Join("\n\n", Enumerable.Range(1, 60).Select(i =>
            $"## {i}. Section {i}\n\n{i}.1 We keep your data for {i} months.\n\n{i}.2 You may ask us to delete it:\n\n- by email\n- in your settings\n\n| Purpose | Basis |\n|---|---|\n| Support {i} | Contract |"));
        var edited = policy.Replace("We keep your data for 7 months.", "We keep your data for seven years.", StringComparison.Ordinal);
        var map = ProvisionLedger.Map(2, edited, ProvisionLedger.Map(1, policy, null, null), policy);

        var entity = ProvisionMapCodec.ToEntity("acme~privacy-policy", "0000000002", map);
        var read = ProvisionMapCodec.FromEntity(entity);

        Assert.Equal(ProvisionMapCodec.Format, entity.GetInt32("Format"));
        Assert.Equal(map.Provisions.Select(Describe), read.Provisions.Select(Describe));
        Assert.Equal(map.Events.Select(DescribeEvent), read.Events.Select(DescribeEvent));
        Assert.Equal(map.Events.Select(e => Math.Round(e.Similarity, 4)), read.Events.Select(e => e.Similarity));
        var json = System.Text.Json.JsonSerializer.Serialize(map.Provisions.Select(p => new { p.Id, p.Slug, p.Provision.HeadingPath, p.Provision.Sha256 }));
        Assert.True(entity.GetBinary("Data0")!.Length < json.Length, $"{entity.GetBinary("Data0")!.Length} bytes against {json.Length}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(-1)]
    public void A_cut_or_corrupt_row_is_refused_with_its_keys(int cutAt)
    {
        var entity = ProvisionMapCodec.ToEntity("acme~terms-of-service", "0000000002", ProvisionLedger.Map(1, First, null, null));
        var data = entity.GetBinary("Data0")!;
        // A cut row, or one whose count of headings is far beyond its bytes.
        entity["Data0"] = cutAt >= 0 ? data[..cutAt] : [0xFF, 0xFF, 0xFF, 0x0F, .. data];

        var e = Assert.Throws<InvalidDataException>(() => ProvisionMapCodec.FromEntity(entity));
        Assert.Contains("acme~terms-of-service/0000000002", e.Message);
    }

    [Fact]
    public void A_row_of_an_unknown_format_is_refused_with_its_keys()
    {
        var entity = ProvisionMapCodec.ToEntity("acme~terms-of-service", "0000000002", ProvisionLedger.Map(1, First, null, null));
        entity["Format"] = 9;

        var e = Assert.Throws<InvalidDataException>(() => ProvisionMapCodec.FromEntity(entity));
        Assert.Contains("acme~terms-of-service/0000000002", e.Message);
        Assert.Contains("format 9", e.Message);
    }

    private const string Format1Data = "H4sIAAAAAAAEA6pWClCyiq5W8lSyUioz1C0wUNJRClayUiotTtWtzC/VzU2s1AWxSzJSdYtTi8oyk1OVdJT8lawMdJS8lawMdZQ8lKyilUJSi3KLlXSUDPUUQotTlWJ1lByVrIwMdJR8lKyMLHSUnJWsomN1lCKUrJSSjIyMU02SjS1TzA3NUtOMTSwTUy1TE1NSjFIMjC0TDRPNLZKSUozTLNIMU4yTLQ2M0ixMLS1NzIzNjAyNLEwTlXSU/Ag4sFYH4SFDdA+VFpfo5uWX6OZmFoM8llkC8Y8hYf+YQv1jjuIfczMLA3NzAwtT05RUC3NT87TUxETzFItU0yQzA5MUAxMzw8TktERDM/M0w7Q0kzQzAzPjVEuDZAMDE6PUlLREE3T/YLoP2TtGSN7Jy9ctTi5KLMjMS4f4wQjsByN8cWJhCI4TQ0OIH0wNdIzMYRFjlmiRZGpsaJmUmGKSlGZulpyYZJBonGhhmmhhbm5gZJZklGhpYWFmamhhYGRglmJulppskmRslGyYaG5mZglKObCIQXYZsuuN0VxfkJgLcbkxYZdbmoJdbmSC6XILyxRTM+MkCzNDY+NU00RzIwNLwxQTQ6O0xGRjs7RU01QzI6MUc5OktLTERLOk1FQLSwvTtBSLJNNE0xQDYxNQikZ2eUFirm5+kW5SaU62bm5qcXFiemqxErI3QHEGyiQpiSWJusWlBQX5RSW6yfl5JUWJydDkZAL2kDFaVBjpKbgkliRC84ehmSXES0YQLxkaG+sYmUJjw8jC0NDANNXYzMwiMdnU2DzFyNDAyNIgydLEMDXR3MQ0NdUg1dw42SDVxNww0dQgMSXVPDHZwMA0zSTROMXEPBmarLA7sTZWR8kVnO+9wTkZVAZAs38sxC0IXjA4l4coWaUl5hSn6ij5wllBUBYoaNDMMQR5EZTpweaAeWSZY4RiDphHtDmAGeuAyzawC4xRzAHzgpWsDPRMzQ1NdJRClKxKikqJ9ZsJillgHtFuMkdykynMnFhwkWuA3x2xOkpBoJIWHKEFRfkppcklupm5BUX5Zam5qXklujmp6ZklmbmJJam6mXklqUWpxSVKsbUAzy1w5eAFAAA=";

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

    private static string DescribeEvent(ProvisionEvent e) =>
        $"{e.Kind}|{string.Join(",", e.PreviousIds)}|{string.Join(",", e.CurrentIds)}|{e.TextChanged}|{e.Moved}|{e.Renumbered}";

    private static string Describe(TrackedProvision t) =>
        $"{t.Id}|{t.Slug}|{t.Provision.Ordinal}|{t.Provision.Kind}|{string.Join(">", t.Provision.HeadingPath)}|{t.Provision.Range}|{string.Join(";", t.Provision.Context)}|{t.Provision.Sha256}|{t.Provision.Slug}";
}
