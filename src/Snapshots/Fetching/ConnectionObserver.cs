using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Snapshots.Fetching;

/// <summary>
/// Tells a fetch what the connection that carried its request was, for the WARC capture's metadata record. The fetch client's
/// <see cref="SocketsHttpHandler.SslOptions"/> validation callback (whose sender is the <see cref="SslStream"/>) keeps the peer's
/// certificate chain as PEM, validated as usual (with <see cref="FetchOptions.TrustedRootCertificates"/> as the only roots when
/// set, for tests on loopback); its <see cref="SocketsHttpHandler.PlaintextStreamFilter"/> reads the negotiated protocol and cipher
/// suite from that stream once the handshake is done and wraps the connection, so that when a request is written on it (in the
/// request's own flow, over HTTP/1.1) the fetch's <see cref="Begin"/> slot learns which connection it went out on, whether
/// the connection was new or pooled.
/// </summary>
internal sealed class ConnectionObserver
{
    private static readonly AsyncLocal<Slot?> Current = new();
    private readonly ConditionalWeakTable<SslStream, IReadOnlyList<string>> _chains = [];

    /// <summary>Filled when the request is written: what its connection was (null TLS for plain HTTP).</summary>
    public sealed class Slot
    {
        public bool Written { get; set; }
        public TlsFacts? Tls { get; set; }
    }

    /// <summary>A fresh slot for the request about to be sent from this flow.</summary>
    public static Slot Begin()
    {
        var slot = new Slot();
        Current.Value = slot;
        return slot;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors != SslPolicyErrors.None) return false;
        if (sender is SslStream ssl && chain is not null)
            _chains.AddOrUpdate(ssl, chain.ChainElements.Select(e => e.Certificate.ExportCertificatePem()).ToList());
        return true;
    }

    public ValueTask<Stream> FilterAsync(SocketsHttpPlaintextStreamFilterContext context, CancellationToken ct)
    {
        TlsFacts? tls = null;
        if (context.PlaintextStream is SslStream ssl)
            tls = new TlsFacts(ProtocolName(ssl.SslProtocol), ssl.NegotiatedCipherSuite.ToString(), _chains.TryGetValue(ssl, out var pem) ? pem : []);
        return ValueTask.FromResult<Stream>(new ObservedConnection(context.PlaintextStream, tls));
    }

    /// <summary>The protocol as OpenSSL and WARC tools write it: TLSv1.3, TLSv1.2.</summary>
    internal static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => protocol.ToString(),
    };

    /// <summary>The connection's plaintext stream, telling each request written on it which connection it is.</summary>
    private sealed class ObservedConnection(Stream inner, TlsFacts? tls) : Stream
    {
        private void Mark()
        {
            if (Current.Value is { } slot) { slot.Written = true; slot.Tls = tls; }
        }

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { Mark(); inner.Write(buffer, offset, count); }
        public override void Write(ReadOnlySpan<byte> buffer) { Mark(); inner.Write(buffer); }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) { Mark(); return inner.WriteAsync(buffer, offset, count, cancellationToken); }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) { Mark(); return inner.WriteAsync(buffer, cancellationToken); }
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
