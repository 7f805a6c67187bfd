using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public sealed class LargeStackTests
{
    [Fact]
    public async Task Work_in_a_row_reuses_the_threads_instead_of_starting_one_each()
    {
        var startedBefore = LargeStack.ThreadsStarted;
        for (var i = 0; i < 50; i++)
            Assert.Equal(i, await LargeStack.Start(() => i, "test"));

        // Other test classes extract at the same time and may start threads of their own: a few, not 50.
        var started = LargeStack.ThreadsStarted - startedBefore;
        Assert.True(started <= 10, $"50 pieces of work in a row started {started} threads");
    }

    [Fact]
    public async Task Work_runs_with_a_stack_deeper_than_a_pool_thread_allows()
    {
        // About 400 bytes a frame: 100,000 frames need ~40 MiB, far past a pool thread's 1.5 MiB, well inside 256 MiB.
        var depth = await LargeStack.Start(() => Recurse(100_000), "test");
        Assert.Equal(100_000, depth);
    }

    [Fact]
    public async Task Many_at_once_all_finish_with_their_own_results()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => LargeStack.Start(() => { Thread.Sleep(5); return i * i; }, "test")).ToList();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
    }

    [Fact]
    public void An_exception_reaches_the_caller_as_thrown_and_the_thread_serves_again()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LargeStack.Run<int>(() => throw new InvalidOperationException("broken page"), "test"));
        Assert.Equal("broken page", e.Message);
        Assert.Equal(7, LargeStack.Run(() => 7, "test"));
    }

    [Fact]
    public async Task Run_on_a_large_stack_thread_runs_in_place()
    {
        var (outer, inner) = await LargeStack.Start(
            () => (Environment.CurrentManagedThreadId, LargeStack.Run(() => Environment.CurrentManagedThreadId, "nested")), "test");
        Assert.Equal(outer, inner);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Recurse(int n)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[0] = (byte)n;
        return n == 0 ? frame[0] * 0 : 1 + Recurse(n - 1) + frame[0] * 0;
    }
}
