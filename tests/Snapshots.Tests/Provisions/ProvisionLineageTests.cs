using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ProvisionLineageTests
{
    private const string Terms = """
        # Terms of Service

        ## 1. Acceptance

        By creating an account or using the Services you accept these Terms on behalf of yourself.

        ## 2. Your content

        2.1 Ownership. You keep all rights in the inputs you provide and you own the outputs.

        2.2 Licence. You grant us a worldwide licence to host and process your inputs to provide the Services. This licence ends when you delete your inputs or close your account.

        ## 3. Termination

        3.1 Suspension. We may suspend your access if you breach the Usage Policy or fail to pay.

        3.2 Termination. Either party may terminate these Terms with thirty days written notice.

        ## 4. Governing law

        These Terms are governed by French law and the courts of Paris have exclusive jurisdiction.
        """;

    /// <summary>The lineage of <paramref name="current"/> following the first version <paramref name="previous"/>.</summary>
    private static (ProvisionLineageResult First, ProvisionLineageResult Second) Follow(string previous, string current)
    {
        var first = ProvisionLineage.Start(1, ProvisionSplitter.Split(previous));
        var second = ProvisionLineage.Follow(previous, first.Provisions, 2, current, ProvisionSplitter.Split(current));
        return (first, second);
    }

    private static string IdOf(ProvisionLineageResult result, string text, string startsWith) =>
        result.Provisions.Single(p => p.Provision.Text(text).StartsWith(startsWith, StringComparison.Ordinal)).Id;

    [Fact]
    public void A_first_version_adds_every_provision_with_deterministic_ids()
    {
        var first = ProvisionLineage.Start(1, ProvisionSplitter.Split(Terms));

        Assert.Equal(6, first.Provisions.Count);
        Assert.Equal(["v1-p0", "v1-p1", "v1-p2", "v1-p3", "v1-p4", "v1-p5"], first.Provisions.Select(p => p.Id));
        Assert.All(first.Events, e => Assert.Equal(ProvisionEventKind.Added, e.Kind));
        Assert.All(first.Provisions, p => Assert.True(ProvisionId.IsValid(p.Id)));
        Assert.Equal(first.Provisions.Select(p => p.Id), ProvisionLineage.Start(1, ProvisionSplitter.Split(Terms)).Provisions.Select(p => p.Id));
    }

    [Fact]
    public void An_identical_version_keeps_every_id_and_slug_unchanged()
    {
        var (first, second) = Follow(Terms, Terms);

        Assert.All(second.Events, e => Assert.Equal(ProvisionEventKind.Unchanged, e.Kind));
        Assert.Equal(first.Provisions.Select(p => (p.Id, p.Slug)), second.Provisions.Select(p => (p.Id, p.Slug)));
        Assert.Empty(second.Changes);
    }

    [Fact]
    public void An_edit_in_one_clause_marks_only_that_clause_modified()
    {
        var edited = Terms.Replace("with thirty days written notice", "with seven days written notice");

        var (first, second) = Follow(Terms, edited);

        var change = Assert.Single(second.Changes);
        Assert.Equal(ProvisionEventKind.Modified, change.Kind);
        Assert.Equal(IdOf(first, Terms, "3.2 Termination"), change.PreviousId);
        Assert.Equal(change.PreviousId, change.CurrentId);
        Assert.InRange(change.Similarity, 0.8, 0.99);
        Assert.Equal(5, second.Count(ProvisionEventKind.Unchanged));
    }

    [Fact]
    public void Renumbering_a_whole_section_adds_and_removes_nothing()
    {
        // A new section 2 pushes every later section and clause number up by one.
        var renumbered = Terms
            .Replace("## 4. Governing law", "## 5. Governing law")
            .Replace("## 3. Termination", "## 4. Termination").Replace("3.1 Suspension", "4.1 Suspension").Replace("3.2 Termination", "4.2 Termination")
            .Replace("## 2. Your content", "## 3. Your content").Replace("2.1 Ownership", "3.1 Ownership").Replace("2.2 Licence", "3.2 Licence")
            .Replace("## 3. Your content", "## 2. Fees\n\n2.1 Fees. Paid plans are billed monthly in advance and are not refundable.\n\n## 3. Your content");

        var (first, second) = Follow(Terms, renumbered);

        Assert.Equal(0, second.Count(ProvisionEventKind.Removed));
        Assert.Equal(1, second.Count(ProvisionEventKind.Added)); // the new fees clause, nothing else
        Assert.DoesNotContain(second.Events, e => e.TextChanged && e.Kind != ProvisionEventKind.Added);
        Assert.DoesNotContain(second.Events, e => e.Moved);
        Assert.Equal(5, second.Count(ProvisionEventKind.Renumbered)); // every clause and every provision under a renumbered heading
        Assert.All(first.Provisions, p => Assert.Contains(second.Provisions, q => q.Id == p.Id && q.Slug == p.Slug));
    }

    [Fact]
    public void A_renumbered_clause_alone_is_renumbered_not_modified()
    {
        var (first, second) = Follow(Terms, Terms.Replace("3.2 Termination", "3.3 Termination"));

        var change = Assert.Single(second.Events, e => e.Kind != ProvisionEventKind.Unchanged);
        Assert.Equal(ProvisionEventKind.Renumbered, change.Kind);
        Assert.False(change.IsChange);
        Assert.Equal(IdOf(first, Terms, "3.2 Termination"), change.CurrentId);
    }

    [Fact]
    public void Reflowed_paragraphs_are_unchanged()
    {
        var reflowed = Terms.Replace("you accept these Terms on behalf of yourself.", "you accept\nthese   Terms on behalf\nof yourself.");

        var (_, second) = Follow(Terms, reflowed);

        Assert.All(second.Events, e => Assert.Equal(ProvisionEventKind.Unchanged, e.Kind));
        Assert.NotEqual(
            ProvisionSplitter.Split(Terms)[0].Sha256,
            ProvisionSplitter.Split(reflowed)[0].Sha256); // the stored range and hash are the new ones
    }

    [Fact]
    public void A_clause_moved_to_another_section_is_moved_with_its_id()
    {
        const string clause = "3.1 Suspension. We may suspend your access if you breach the Usage Policy or fail to pay.\n\n";
        var moved = Terms.Replace(clause, "").Replace("## 4. Governing law\n\n", "## 4. Governing law\n\n" + clause);

        var (first, second) = Follow(Terms, moved);

        var change = Assert.Single(second.Events, e => e.Kind != ProvisionEventKind.Unchanged);
        Assert.Equal(ProvisionEventKind.Moved, change.Kind);
        Assert.True(change.Moved);
        Assert.False(change.TextChanged);
        Assert.Equal(IdOf(first, Terms, "3.1 Suspension"), change.CurrentId);
    }

    [Fact]
    public void Two_clauses_swapped_within_a_section_report_one_move()
    {
        var swapped = Terms.Replace(
            "2.1 Ownership. You keep all rights in the inputs you provide and you own the outputs.\n\n2.2 Licence. You grant us a worldwide licence to host and process your inputs to provide the Services. This licence ends when you delete your inputs or close your account.",
            "2.2 Licence. You grant us a worldwide licence to host and process your inputs to provide the Services. This licence ends when you delete your inputs or close your account.\n\n2.1 Ownership. You keep all rights in the inputs you provide and you own the outputs.");

        var (_, second) = Follow(Terms, swapped);

        Assert.Equal(1, second.Count(ProvisionEventKind.Moved));
        Assert.Equal(5, second.Count(ProvisionEventKind.Unchanged));
    }

    [Fact]
    public void A_clause_split_in_two_keeps_its_id_on_the_larger_part()
    {
        var split = Terms.Replace(
            "provide the Services. This licence ends",
            "provide the Services.\n\n2.3 End of the licence. This licence ends");

        var (first, second) = Follow(Terms, split);

        var change = Assert.Single(second.Changes);
        Assert.Equal(ProvisionEventKind.Split, change.Kind);
        var licence = IdOf(first, Terms, "2.2 Licence");
        Assert.Equal([licence], change.PreviousIds);
        Assert.Equal([licence, IdOf(second, split, "2.3 End")], change.CurrentIds);
        Assert.Equal("v2-p3", change.CurrentIds[1]);
        Assert.Equal(0, second.Count(ProvisionEventKind.Added));
        Assert.Equal(0, second.Count(ProvisionEventKind.Removed));
    }

    [Fact]
    public void Two_clauses_merged_into_one_keep_the_id_of_the_one_most_like_it()
    {
        var merged = Terms.Replace(
            "3.1 Suspension. We may suspend your access if you breach the Usage Policy or fail to pay.\n\n3.2 Termination. Either party may terminate these Terms with thirty days written notice.",
            "3.1 Suspension and termination. We may suspend your access if you breach the Usage Policy or fail to pay, and either party may terminate these Terms with thirty days written notice.");

        var (first, second) = Follow(Terms, merged);

        var change = Assert.Single(second.Changes);
        Assert.Equal(ProvisionEventKind.Merged, change.Kind);
        Assert.Equal(2, change.PreviousIds.Count);
        Assert.Contains(IdOf(first, Terms, "3.1 Suspension"), change.PreviousIds);
        Assert.Contains(IdOf(first, Terms, "3.2 Termination"), change.PreviousIds);
        Assert.Equal([change.PreviousIds[0]], change.CurrentIds);
        Assert.Equal(0, second.Count(ProvisionEventKind.Removed));
    }

    [Fact]
    public void Added_and_removed_clauses_with_new_ids_and_slugs_never_reused()
    {
        var changed = Terms
            .Replace("These Terms are governed by French law and the courts of Paris have exclusive jurisdiction.",
                "Any dispute will be resolved by binding arbitration in San Francisco on an individual basis.");

        var (first, second) = Follow(Terms, changed);

        var removed = Assert.Single(second.Events, e => e.Kind == ProvisionEventKind.Removed);
        var added = Assert.Single(second.Events, e => e.Kind == ProvisionEventKind.Added);
        Assert.Equal(IdOf(first, Terms, "These Terms are governed"), removed.PreviousId);
        Assert.Equal("v2-p5", added.CurrentId);
        Assert.Equal(5, second.Count(ProvisionEventKind.Unchanged));
        // The removal is listed where the provision was, before what was added in its place.
        Assert.Equal([ProvisionEventKind.Removed, ProvisionEventKind.Added], second.Events.TakeLast(2).Select(e => e.Kind));

        // A new provision whose slug a removed one had gets another slug.
        var third = ProvisionLineage.Follow(changed, second.Provisions, 3, Terms, ProvisionSplitter.Split(Terms),
            retiredSlugs: [first.Provisions[5].Slug]);
        var back = third.Provisions[5];
        Assert.Equal("v3-p5", back.Id);
        Assert.Equal(first.Provisions[5].Slug + "-2", back.Slug);
    }

    [Fact]
    public void A_rewritten_date_line_in_the_same_place_is_modified()
    {
        var (_, second) = Follow("# Terms\n\nUpdated: January 4th, 2024\n\nWe may change these terms.\n", "# Terms\n\nUpdated: December 23, 2025\n\nWe may change these terms.\n");

        Assert.Equal([ProvisionEventKind.Modified, ProvisionEventKind.Unchanged], second.Events.Select(e => e.Kind));
    }

    [Fact]
    public void A_renamed_heading_moves_nothing()
    {
        var (_, second) = Follow("# Terms\n\n## Version Effective Date: June 23, 2025\n\nThank you for using the platform.\n",
            "# Terms\n\n## Version Effective Date: February 12, 2026\n\nThank you for using the platform.\n");

        Assert.Equal(ProvisionEventKind.Unchanged, Assert.Single(second.Events).Kind);
    }

    [Fact]
    public void Duplicate_texts_pair_in_order_under_their_own_headings()
    {
        const string before = "# A\n\nNot applicable to this service.\n\n# B\n\nNot applicable to this service.\n";
        const string after = "# B\n\nNot applicable to this service.\n\n# A\n\nNot applicable to this service.\n";

        var (first, second) = Follow(before, after);

        Assert.Equal(first.Provisions[1].Id, second.Provisions[0].Id); // B's stays B's
        Assert.Equal(first.Provisions[0].Id, second.Provisions[1].Id);
        Assert.Equal(1, second.Count(ProvisionEventKind.Moved));
    }

    [Fact]
    public void Stored_identities_are_put_back_on_the_provisions_of_a_split_again()
    {
        var (first, second) = Follow(Terms, Terms.Replace("thirty days", "seven days"));
        var stored = first.Provisions.Select(p => (p.Id, p.Slug, p.Provision.Range)).ToList();

        var attached = ProvisionLineage.Attach(ProvisionSplitter.Split(Terms), stored);

        Assert.Equal(first.Provisions.Select(p => (p.Id, p.Slug)), attached.Select(p => (p.Id, p.Slug)));
        var again = ProvisionLineage.Follow(Terms, attached, 2, Terms.Replace("thirty days", "seven days"), ProvisionSplitter.Split(Terms.Replace("thirty days", "seven days")));
        Assert.Equal(second.Provisions.Select(p => (p.Id, p.Slug)), again.Provisions.Select(p => (p.Id, p.Slug)));

        var error = Assert.Throws<InvalidOperationException>(() => ProvisionLineage.Attach(ProvisionSplitter.Split(Terms), stored.Skip(1)));
        Assert.Contains("provision 0", error.Message);
    }

    [Fact]
    public void Chinese_text_is_compared_by_pairs_of_characters()
    {
        const string before = "# 隐私政策\n\n我们会保留你输入的信息以便向你提供持续的业务功能和服务。\n";
        const string after = "# 隐私政策\n\n我们会保留你输入的信息以便向你提供持续的业务功能。\n";

        var (first, second) = Follow(before, after);

        var change = Assert.Single(second.Events);
        Assert.Equal(ProvisionEventKind.Modified, change.Kind);
        Assert.Equal(first.Provisions[0].Id, change.CurrentId);
    }
}
