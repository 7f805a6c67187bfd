using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

/// <summary>The budget of page bytes held at once: who waits, who never does, and that every byte is given back.</summary>
public sealed class BodyBytesInFlightTests
{
    private const long Page = BodyBytesInFlight.Expected;

    [Fact]
    public async Task A_fetch_waits_while_the_pages_held_reach_the_budget_and_starts_when_they_are_let_go()
    {
        var budget = new BodyBytesInFlight(2 * Page);
        using var first = budget.NewHolder();
        var second = budget.NewHolder();
        using var third = budget.NewHolder();

        (await budget.ReserveAsync(first, CancellationToken.None)).Settle(Page + 10);
        (await budget.ReserveAsync(second, CancellationToken.None)).Settle(Page);
        Assert.Equal(2 * Page + 10, budget.Held);

        var waiting = budget.ReserveAsync(third, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "a fetch started while the held pages filled the budget");

        second.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Settle(5);
        Assert.Equal(Page + 10 + 5, budget.Held);
    }

    [Fact]
    public async Task A_cycle_that_already_holds_a_page_never_waits_so_combined_documents_cannot_deadlock()
    {
        var budget = new BodyBytesInFlight(Page);
        using var combined = budget.NewHolder();
        using var other = budget.NewHolder();
        (await budget.ReserveAsync(combined, CancellationToken.None)).Settle(3 * Page);

        var otherWaits = budget.ReserveAsync(other, CancellationToken.None);
        var secondPage = budget.ReserveAsync(combined, CancellationToken.None);

        Assert.True(secondPage.IsCompletedSuccessfully, "the cycle's second page waited for its own first page");
        Assert.False(otherWaits.IsCompleted);
        (await secondPage).Settle(Page);
        combined.Dispose();
        (await otherWaits.WaitAsync(TimeSpan.FromSeconds(30))).Settle(0);
        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task With_nothing_held_a_page_larger_than_the_budget_still_starts()
    {
        var budget = new BodyBytesInFlight(10);
        using var holder = budget.NewHolder();

        var reservation = budget.ReserveAsync(holder, CancellationToken.None);

        Assert.True(reservation.IsCompletedSuccessfully);
        (await reservation).Settle(10 * Page);
        Assert.Equal(10 * Page, budget.Held);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_takes_nothing()
    {
        var budget = new BodyBytesInFlight(Page);
        var holding = budget.NewHolder();
        using var patient = budget.NewHolder();
        using var impatient = budget.NewHolder();
        (await budget.ReserveAsync(holding, CancellationToken.None)).Settle(Page);
        using var cancel = new CancellationTokenSource();

        var cancelled = budget.ReserveAsync(impatient, cancel.Token);
        var waits = budget.ReserveAsync(patient, CancellationToken.None);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(Page, budget.Held);
        holding.Dispose();
        (await waits.WaitAsync(TimeSpan.FromSeconds(30))).Settle(7);
        Assert.Equal(7, budget.Held);
    }

    [Fact]
    public async Task A_fetch_that_ends_after_its_cycle_was_let_go_does_not_count_for_ever()
    {
        var budget = new BodyBytesInFlight(Page);
        var holder = budget.NewHolder();
        var reservation = await budget.ReserveAsync(holder, CancellationToken.None);

        holder.Dispose(); // the cycle was cancelled while the fetch was still reading
        reservation.Settle(5 * Page);

        Assert.Equal(0, budget.Held);
    }

    [Fact]
    public async Task Zero_turns_the_bound_off()
    {
        var budget = new BodyBytesInFlight(0);
        using var a = budget.NewHolder();
        using var b = budget.NewHolder();

        (await budget.ReserveAsync(a, CancellationToken.None)).Settle(100 * Page);
        var other = budget.ReserveAsync(b, CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        Assert.Equal(0, budget.Held);
    }
}
