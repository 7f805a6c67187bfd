using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Snapshots.Extraction;

/// <summary>
/// Runs work on a thread with a stack far larger than a pool thread's (1.5 MiB): the libraries extraction uses recurse on
/// the structure of the page (AngleSharp and the renderer on nesting, PdfPig on the page tree and on forms), and a stack
/// overflow cannot be caught in .NET, it ends the process. The bounds on that structure (elements nested at most
/// <see cref="ExtractionOptions.MaxDepth"/> deep, at most <see cref="ExtractionOptions.MaxPdfTreeNodes"/> tree nodes, forms
/// at most <see cref="ExtractionOptions.MaxPdfFormDepth"/> deep) are checked before the recursion and fit this stack many
/// times over. The stack is reserved, not committed: a thread uses only the memory its calls touch.
/// A thread that finishes its work waits <see cref="IdleLifetime"/> for the next before it ends, so a check cycle starts a
/// few threads, not one per page. Work asked for on one of these threads runs there, at once.
/// </summary>
internal static class LargeStack
{
    /// <summary>The stack of an extraction thread (256 MiB reserved).</summary>
    public const int Bytes = 256 * 1024 * 1024;

    /// <summary>How long a thread with nothing to do waits for work before it ends.</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(20);

    private static readonly BlockingCollection<Action> Waiting = new(new ConcurrentQueue<Action>());
    private static int _idle;
    private static int _started;

    [ThreadStatic]
    private static bool _onLargeStack;

    /// <summary>Threads started so far in this process (each reused while work keeps coming).</summary>
    public static int ThreadsStarted => Volatile.Read(ref _started);

    /// <summary>Starts <paramref name="work"/> on a large-stack thread; the task ends with its result or its exception.</summary>
    public static Task<T> Start<T>(Func<T> work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Waiting.Add(() =>
        {
            T result;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                // The thread counts as idle before the caller hears back, so the caller's next piece of work finds it.
                Interlocked.Increment(ref _idle);
                done.SetException(e);
                return;
            }
            Interlocked.Increment(ref _idle);
            done.SetResult(result);
        });
        if (!ClaimIdleThread()) StartThread(name);
        return done.Task;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a large-stack thread and waits for it, rethrowing its exception as it was thrown;
    /// on such a thread already, runs it in place.
    /// </summary>
    public static T Run<T>(Func<T> work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_onLargeStack) return work();
        var task = Start(work, name);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
    }

    private static bool ClaimIdleThread()
    {
        while (true)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle == 0) return false;
            if (Interlocked.CompareExchange(ref _idle, idle - 1, idle) == idle) return true;
        }
    }

    private static void StartThread(string name)
    {
        Interlocked.Increment(ref _started);
        new Thread(Serve, Bytes) { IsBackground = true, Name = name }.Start();
    }

    // Every item in the queue has a thread that will take it: the one started for it, or an idle one claimed for it. A
    // thread leaves only by taking itself off the idle count; when it finds the count already taken, work is on its way.
    private static void Serve()
    {
        _onLargeStack = true;
        while (true)
        {
            if (Waiting.TryTake(out var work, IdleLifetime))
            {
                work();
                continue;
            }
            if (ClaimIdleThread()) return;
        }
    }
}
