namespace Snapshots.Fetching;

/// <summary>A fetch that did not produce a usable page: the URL and a reason a person can act on.</summary>
internal sealed class FetchException(Uri url, string reason, Exception? inner = null)
    : Exception($"fetch {url}: {reason}", inner)
{
    public Uri Url { get; } = url;
    public string Reason { get; } = reason;
}
