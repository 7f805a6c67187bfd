namespace Snapshots.Fetching;

/// <summary>
/// What one fetch of a source URL returned: the raw bytes as served (the evidence) and the metadata
/// needed to extract them and to make the next request conditional.
/// When <see cref="NotModified"/> is true the server answered 304 and <see cref="Body"/> is empty.
/// <see cref="Charset"/> is the <c>charset</c> parameter of the Content-Type header, when the server sent one.
/// <see cref="Exchange"/> is the request and response of the fetch as sent and received (the WARC capture's records),
/// <see cref="Rendered"/> the rendered DOM and screenshot of a page the browser rendered.
/// </summary>
public sealed record FetchedPage(
    Uri Url,
    Uri FinalUrl,
    int StatusCode,
    string MediaType,
    byte[] Body,
    string? ETag,
    string? LastModified,
    bool NotModified,
    string? Charset = null,
    HttpExchange? Exchange = null,
    RenderedCapture? Rendered = null)
{
    /// <summary>
    /// A rendered page: what the browser loaded to build it (null when it loaded something it cannot revalidate). A page not
    /// rendered because all of it revalidated (<see cref="Revalidated"/>) carries the same inputs, relied on once more.
    /// </summary>
    public RenderInputs? Inputs { get; init; }

    /// <summary>Set when a rendered page was not rendered: every response its last render loaded was unchanged (<see cref="NotModified"/> is true).</summary>
    public RenderRevalidation? Revalidated { get; init; }

    /// <summary>File extension of the raw blob for this media type: html, txt or pdf.</summary>
    public string Extension => MediaTypes.ExtensionOf(MediaType);
}
