using System.Text;
using Snapshots.Catalog;
using Snapshots.Fetching;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>A WARC capture that does not hold what was recorded: it is never stored, and the message names the source and why.</summary>
public sealed class WarcRefusedException(string message) : Exception(message);

/// <summary>
/// The WARC capture of one fetched source (<see cref="WarcWriter"/>: WARC/1.1, one gzip member per record): a <c>warcinfo</c>
/// record; the <c>response</c> (status line, every header as received, the body exactly as received before its Content-Encoding
/// was decoded; a <c>Transfer-Encoding</c> the HTTP stack already removed is kept as <c>X-Snapshots-Removed-Transfer-Encoding</c>
/// so a reader does not de-chunk the body twice); the <c>request</c> as sent; a <c>metadata</c> record (application/warc-fields)
/// with the raw SHA-256 recorded for the version, the TLS protocol, cipher suite and the peer's certificate chain as PEM (one
/// folded field per certificate, leaf first); and for a rendered page a <c>resource</c> record of the rendered DOM and one of
/// its PNG screenshot when the render took one (the whole page or its first screen, Fetch:Browser:Screenshot). Before it is
/// returned the capture is checked against what the version records: the response body, decoded, (or, for a rendered page,
/// the DOM) must hash to the source's raw SHA-256, else <see cref="WarcRefusedException"/>.
/// </summary>
internal static class CaptureWarc
{
    public const string Extension = "warc.gz";
    public const string ContentType = "application/warc";

    public static byte[] Build(DocumentId document, CapturedSource source, DateTimeOffset capturedAt)
    {
        var exchange = source.Exchange ?? throw new ArgumentException("a capture needs the fetch's exchange", nameof(source));
        // The body as received is hashed once: for its payload digest, and (when it is the body itself) for the check.
        var wireSha256 = Sha256Hex.Of(exchange.WireBody);
        Check(source, exchange, wireSha256);
        var target = exchange.Url.AbsoluteUri;
        var date = exchange.RequestedAt;
        // Markup compresses to about a quarter at the fastest level; a PNG does not compress.
        var writer = new WarcWriter(4096 + (exchange.WireBody.Length + (source.Rendered?.Dom.Length ?? 0)) / 3 + (source.Rendered?.Screenshot?.Length ?? 0));
        var info = writer.Append("warcinfo", null, capturedAt, "application/warc-fields", Fields(
            ("software", "Snapshots"),
            ("format", "WARC File Format 1.1"),
            ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
            ("isPartOf", document.ToString()),
            ("description", $"one fetch of {source.Url} for {document}, recorded as a version at {HashChain.FormatTime(capturedAt)}")));
        IEnumerable<KeyValuePair<string, string>> Warcinfo(params (string, string)[] more) =>
            [KeyValuePair.Create("WARC-Warcinfo-ID", info), .. more.Select(m => KeyValuePair.Create(m.Item1, m.Item2))];

        var response = writer.Append("response", target, date, "application/http;msgtype=response",
            ResponseHead(exchange), exchange.WireBody, wireSha256, Warcinfo());
        writer.Append("request", target, date, "application/http;msgtype=request", RequestBlock(exchange), null,
            Warcinfo(("WARC-Concurrent-To", response)));
        writer.Append("metadata", target, date, "application/warc-fields", Metadata(source, exchange), null,
            Warcinfo(("WARC-Concurrent-To", response)));
        if (source.Rendered is { } rendered)
        {
            writer.Append("resource", $"urn:dom:{target}", capturedAt, "text/html; charset=utf-8", rendered.Dom, null,
                Warcinfo(("WARC-Concurrent-To", response)));
            if (rendered.Screenshot is { } screenshot)
                writer.Append("resource", $"urn:screenshot:{target}", capturedAt, "image/png", screenshot, null,
                    Warcinfo(("WARC-Concurrent-To", response)));
        }
        return writer.ToArray();
    }

    /// <summary>The capture holds what the version records, or it is refused.</summary>
    private static void Check(CapturedSource source, HttpExchange exchange, string wireSha256)
    {
        if (source.Rendered is { } rendered)
        {
            if (Sha256Hex.Of(rendered.Dom) != source.Sha256)
                throw new WarcRefusedException($"the WARC capture of {source.Url} was not stored: its rendered DOM hashes to {Sha256Hex.Of(rendered.Dom)[..12]}, the version records {source.Sha256[..12]}");
            return;
        }
        var decoded = Decode(exchange);
        var decodedSha256 = decoded is null ? null : ReferenceEquals(decoded, exchange.WireBody) ? wireSha256 : Sha256Hex.Of(decoded);
        if (decodedSha256 is null || decodedSha256 != source.Sha256)
            throw new WarcRefusedException($"the WARC capture of {source.Url} was not stored: its response body as received "
                + (decodedSha256 is null ? "cannot be decoded as its Content-Encoding says" : $"decodes to bytes hashing to {decodedSha256[..12]}")
                + $", the version records raw SHA-256 {source.Sha256[..12]}");
    }

    private static byte[]? Decode(HttpExchange exchange)
    {
        if (exchange.BodyDecoded) return exchange.WireBody;
        var codings = exchange.ResponseHeaders.Where(h => h.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(c => c.ToLowerInvariant()).Where(c => c != "identity").ToList();
        // No coding: the body as received is the body (not copied twice more through streams, as a coded one is).
        if (codings.Count == 0) return exchange.WireBody;
        if (ContentDecoding.Refusal(codings) is not null) return null;
        try
        {
            using var decoded = new MemoryStream();
            using (var stream = ContentDecoding.Decode(new MemoryStream(exchange.WireBody), codings)) stream.CopyTo(decoded);
            return decoded.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>The response record's block up to its body: status line and headers (the body follows as received).</summary>
    private static byte[] ResponseHead(HttpExchange exchange)
    {
        var head = new StringBuilder();
        head.Append(exchange.HttpVersion).Append(' ').Append(exchange.StatusCode);
        if (!string.IsNullOrEmpty(exchange.ReasonPhrase)) head.Append(' ').Append(OneLine(exchange.ReasonPhrase));
        head.Append("\r\n");
        foreach (var (name, value) in exchange.ResponseHeaders)
        {
            var kept = name;
            // The body below is after the HTTP stack removed the chunked coding: a reader must not de-chunk it again.
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) kept = "X-Snapshots-Removed-Transfer-Encoding";
            // The browser hands over the body decoded: its Content-Encoding and Content-Length no longer describe it.
            else if (exchange.BodyDecoded && (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                kept = "X-Snapshots-Browser-Decoded-" + name;
            head.Append(kept).Append(": ").Append(OneLine(value)).Append("\r\n");
        }
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private static byte[] RequestBlock(HttpExchange exchange)
    {
        var head = new StringBuilder();
        head.Append(exchange.Method).Append(' ').Append(exchange.Url.PathAndQuery).Append(' ').Append(exchange.HttpVersion).Append("\r\n");
        foreach (var (name, value) in exchange.RequestHeaders) head.Append(name).Append(": ").Append(OneLine(value)).Append("\r\n");
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private static byte[] Metadata(CapturedSource source, HttpExchange exchange)
    {
        var fields = new List<(string, string)>
        {
            ("snapshots-raw-sha256", source.Sha256),
            ("snapshots-source-url", source.Url),
        };
        if (exchange.Connection is { } tls)
        {
            fields.Add(("tls-protocol", tls.Protocol));
            fields.Add(("tls-cipher-suite", tls.CipherSuite));
            // PEM folded as a WARC field: each line after the first starts with a space (a reader unfolds it).
            foreach (var pem in tls.CertificateChainPem) fields.Add(("tls-peer-certificate", pem.Trim().Replace("\n", "\r\n ", StringComparison.Ordinal)));
        }
        else fields.Add(("tls-protocol", exchange.Url.Scheme == Uri.UriSchemeHttps ? "(not observed)" : "none (plain HTTP)"));
        return Fields([.. fields]);
    }

    private static byte[] Fields(params (string Name, string Value)[] fields) =>
        Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => $"{f.Name}: {f.Value}\r\n")));

    private static string OneLine(string value) => value.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
