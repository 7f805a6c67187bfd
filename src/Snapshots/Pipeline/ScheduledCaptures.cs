namespace Snapshots.Pipeline;

/// <summary>
/// What one capture schedule queued: <paramref name="Requests"/> capture requests holding <paramref name="Documents"/> due
/// documents (documents that share a page travel in one request, so there can be fewer requests than documents).
/// </summary>
public sealed record ScheduledCaptures(int Requests, int Documents)
{
    /// <summary>"6 documents due, in 2 capture requests (documents that share a page are fetched together)".</summary>
    public string Describe() =>
        $"{Documents} document{(Documents == 1 ? "" : "s")} due, in {Requests} capture request{(Requests == 1 ? "" : "s")}" +
        (Requests < Documents ? " (documents that share a page are fetched together)" : "");
}
