using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ChangedProvisionTests
{
    [Fact]
    public void A_modified_provision_tells_the_types_it_gained_from_those_it_lost_and_those_it_kept()
    {
        var change = Change(ProvisionEventKind.Modified, Side("training-on-user-content", "retention-period"), Side("no-training-on-user-content", "retention-period"));

        Assert.Equal(["no-training-on-user-content"], change.GainedTypeIds);
        Assert.Equal(["training-on-user-content"], change.LostTypeIds);
        Assert.Equal(["training-on-user-content", "retention-period", "no-training-on-user-content"], change.TypeIds);
    }

    [Fact]
    public void An_added_or_removed_provision_gains_and_loses_nothing_its_verb_does_not_already_say()
    {
        var added = Change(ProvisionEventKind.Added, null, Side("governing-law", "arbitration"));
        var removed = Change(ProvisionEventKind.Removed, Side("governing-law"), null);

        Assert.Empty(added.GainedTypeIds);
        Assert.Empty(added.LostTypeIds);
        Assert.Empty(removed.GainedTypeIds);
        Assert.Empty(removed.LostTypeIds);
        Assert.Equal(["governing-law", "arbitration"], added.TypeIds);
        Assert.Equal(["governing-law"], removed.TypeIds);
    }

    [Fact]
    public void A_type_found_twice_on_one_side_counts_once()
    {
        var change = Change(ProvisionEventKind.Modified, Side(), Side("arbitration", "arbitration"));

        Assert.Equal(["arbitration"], change.GainedTypeIds);
    }

    private static ClassifiedProvision Side(params string[] types)
    {
        var provision = new Provision(0, ProvisionKind.Paragraph, [], new TextRange(0, 4), [], "sha", "a-provision");
        var matches = types.Select(t => new ClauseMatch(t, SeverityLevel.High, ClauseConfidence.Explicit, ClauseGuard.None, null, [])).ToList();
        return new ClassifiedProvision(new TrackedProvision("v1-p0", "a-provision", provision), "text", "text", matches);
    }

    private static ChangedProvision Change(ProvisionEventKind kind, ClassifiedProvision? before, ClassifiedProvision? after) =>
        new(new ProvisionEvent(kind, before is null ? [] : ["v1-p0"], after is null ? [] : ["v2-p0"], 0.9, true, false, false), before, after);
}
