using System.Runtime.ExceptionServices;

namespace Snapshots.Extraction;

/// <summary>
/// Runs work on a thread of its own with a stack far larger than a pool thread's (1.5 MiB): the libraries extraction uses
/// recurse on the structure of the page (AngleSharp and the renderer on nesting, PdfPig on the page tree and on forms), and
/// a stack overflow cannot be caught in .NET, it ends the process. The bounds on that structure (elements nested at most
/// <see cref="ExtractionOptions.MaxDepth"/> deep, at most <see cref="ExtractionOptions.MaxPdfTreeNodes"/> tree nodes, forms
/// at most <see cref="ExtractionOptions.MaxPdfFormDepth"/> deep) are checked before the recursion and fit this stack many
/// times over. The stack is reserved, not committed: a thread uses only the memory its calls touch.
/// </summary>
internal static class LargeStack
{
    /// <summary>The stack of an extraction thread (256 MiB reserved).</summary>
    public const int Bytes = 256 * 1024 * 1024;

    /// <summary>Starts <paramref name="work"/> on a new background thread; the task ends with its result or its exception.</summary>
    public static Task<T> Start<T>(Func<T> work, string name)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, Bytes) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    /// <summary>Runs <paramref name="work"/> on a new thread and waits for it, rethrowing its exception as it was thrown.</summary>
    public static T Run<T>(Func<T> work, string name)
    {
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
}
