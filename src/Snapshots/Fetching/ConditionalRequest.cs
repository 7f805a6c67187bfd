namespace Snapshots.Fetching;

/// <summary>
/// Validators from the previous fetch of a URL, sent as If-None-Match / If-Modified-Since; for a rendered page, what its last
/// render loaded (<see cref="Rendered"/>), revalidated before rendering again.
/// </summary>
public sealed record ConditionalRequest(string? ETag, string? LastModified, RenderInputs? Rendered = null)
{
    public bool IsEmpty => ETag is null && LastModified is null && Rendered is null;
}
