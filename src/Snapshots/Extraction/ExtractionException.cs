namespace Snapshots.Extraction;

/// <summary>A page that was fetched but from which the declared document could not be extracted (e.g. a select that matches nothing).</summary>
public sealed class ExtractionException(Uri url, string reason) : Exception($"extract {url}: {reason}")
{
    public Uri Url { get; } = url;
    public string Reason { get; } = reason;
}
