using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class InFlightTests
{
    [Fact]
    public async Task Callers_that_ask_for_a_key_while_its_work_runs_share_that_work()
    {
        var inFlight = new InFlight<int>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var callers = Enumerable.Range(0, 8).Select(_ => inFlight.RunAsync("v2", () => { Interlocked.Increment(ref runs); return release.Task; })).ToList();
        var other = inFlight.RunAsync("v3", () => { Interlocked.Increment(ref runs); return Task.FromResult(3); });
        release.SetResult(2);

        Assert.Equal(Enumerable.Repeat(2, 8), await Task.WhenAll(callers));
        Assert.Equal(3, await other);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Nothing_is_kept_once_the_work_has_ended_so_the_next_caller_runs_it_again()
    {
        var inFlight = new InFlight<int>();
        var runs = 0;

        Assert.Equal(1, await inFlight.RunAsync("v2", () => Task.FromResult(Interlocked.Increment(ref runs))));
        await WaitUntilAsync(() => inFlight.Count == 0);
        Assert.Equal(2, await inFlight.RunAsync("v2", () => Task.FromResult(Interlocked.Increment(ref runs))));
        await WaitUntilAsync(() => inFlight.Count == 0);
    }

    [Fact]
    public async Task A_failure_is_shared_by_the_callers_waiting_for_it_and_not_remembered()
    {
        var inFlight = new InFlight<int>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = inFlight.RunAsync("v2", () => release.Task);
        var second = inFlight.RunAsync("v2", () => Task.FromResult(99));
        release.SetException(new IOException("storage is down"));

        Assert.Equal("storage is down", (await Assert.ThrowsAsync<IOException>(() => first)).Message);
        await Assert.ThrowsAsync<IOException>(() => second);
        await WaitUntilAsync(() => inFlight.Count == 0);
        Assert.Equal(7, await inFlight.RunAsync("v2", () => Task.FromResult(7)));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_work_of_the_others()
    {
        var inFlight = new InFlight<int>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        var leaving = inFlight.RunAsync("v2", () => release.Task, impatient.Token);
        var staying = inFlight.RunAsync("v2", () => Task.FromResult(99));

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        release.SetResult(2);

        Assert.Equal(2, await staying);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The entry is removed by a continuation of the work, which may run just after the caller resumed.
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(5);
        Assert.True(condition());
    }
}
