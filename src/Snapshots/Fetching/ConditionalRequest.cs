namespace Snapshots.Fetching;

/// <summary>Validators from the previous fetch of a URL, sent as If-None-Match / If-Modified-Since.</summary>
public sealed record ConditionalRequest(string? ETag, string? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}
