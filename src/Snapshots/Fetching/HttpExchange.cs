namespace Snapshots.Fetching;

/// <summary>
/// One HTTP request and its response as Snapshots' HTTP stack sent and received them, for the capture's WARC record: the
/// request line and headers as sent (the handler's own <c>Host</c> included), the status line and every response header as
/// received (names and values as the stack delivered them, in its order; a header line repeated is one field per value),
/// and the body exactly as it came off the connection once any chunked transfer coding was removed, before its
/// Content-Encoding was decoded (<see cref="ContentDecoding"/>). <see cref="Connection"/> is what the connection that carried
/// it was: TLS protocol, cipher suite and the peer's certificate chain, or none for plain HTTP. <see cref="BodyDecoded"/> is
/// true when the body is only available decoded (a page the browser loaded: the browser removed its Content-Encoding).
/// </summary>
public sealed record HttpExchange(
    DateTimeOffset RequestedAt,
    string Method,
    Uri Url,
    string HttpVersion,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    int StatusCode,
    string? ReasonPhrase,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[] WireBody,
    TlsFacts? Connection,
    bool BodyDecoded = false);

/// <summary>What the TLS handshake of a connection negotiated: protocol, cipher suite and the peer's certificate chain (PEM, leaf first).</summary>
public sealed record TlsFacts(string Protocol, string CipherSuite, IReadOnlyList<string> CertificateChainPem);

/// <summary>
/// What the browser made of a rendered page: its DOM serialized as UTF-8 HTML, and a PNG screenshot (<see cref="ScreenshotMode"/>:
/// the whole page by default); no screenshot when the mode is None, or when the DOM is byte for byte the one the last check
/// verified (<see cref="ConditionalRequest.VerifiedSha256"/>: the check is unchanged and keeps no capture, and a full-page
/// screenshot is about two thirds of a render's CPU).
/// </summary>
public sealed record RenderedCapture(byte[] Dom, byte[]? Screenshot);
