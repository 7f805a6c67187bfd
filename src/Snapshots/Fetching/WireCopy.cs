namespace Snapshots.Fetching;

/// <summary>
/// A read-only stream over a response body that keeps a copy of every byte read through it, up to a bound: the body as
/// received, before <see cref="ContentDecoding"/> decodes it, for the WARC response record. Past the bound it throws an
/// <see cref="IOException"/> saying so rather than holding more.
/// </summary>
internal sealed class WireCopy(Stream inner, long limit) : Stream
{
    private readonly MemoryStream _copy = new();

    public byte[] Bytes() => _copy.ToArray();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Keep(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Keep(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Keep(ReadOnlySpan<byte> read)
    {
        if (_copy.Length + read.Length > limit)
            throw new IOException($"the body as received (before its Content-Encoding is decoded) exceeds the {Snapshots.Text.Describe.Bytes(limit)} limit");
        _copy.Write(read);
        return read.Length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    protected override void Dispose(bool disposing) { if (disposing) _copy.Dispose(); base.Dispose(disposing); }
}
