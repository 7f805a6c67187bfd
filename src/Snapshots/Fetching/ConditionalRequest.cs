namespace Snapshots.Fetching;

/// <summary>
/// Validators from the previous fetch of a URL, sent as If-None-Match / If-Modified-Since; for a rendered page, what its last
/// render loaded (<see cref="Rendered"/>), revalidated before rendering again, and the SHA-256 of the DOM the last check
/// verified (<see cref="VerifiedSha256"/>): a render that serializes to those very bytes is an unchanged check, which keeps no
/// capture, so it takes no screenshot.
/// </summary>
public sealed record ConditionalRequest(string? ETag, string? LastModified, RenderInputs? Rendered = null, string? VerifiedSha256 = null)
{
    public bool IsEmpty => ETag is null && LastModified is null && Rendered is null;
}
