namespace CamDashboard.Tests.Infrastructure;

/// <summary>Reads from <paramref name="inner"/> as a link of <paramref name="bytesPerSecond"/>
/// would deliver: a few KB at a time, each read taking its length over the rate.</summary>
public sealed class ThrottledStream(Stream inner, double bytesPerSecond) : Stream
{
    private const int MaxRead = 4096;
    private DateTime _linkFree = DateTime.UtcNow;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, MaxRead)], cancellationToken);
        var now = DateTime.UtcNow;
        _linkFree = (_linkFree > now ? _linkFree : now) + TimeSpan.FromSeconds(n / bytesPerSecond);
        if (_linkFree > now)
        {
            await Task.Delay(_linkFree - now, cancellationToken);
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
