using System.Text;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Tests.Infrastructure.Servers;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Sources;

public sealed class SourceParsingTests
{
    [Theory]
    [InlineData("rtsp://admin:hunter2@cam.local/stream1", "rtsp://admin:***@cam.local/stream1")]
    [InlineData("rtsp://admin:p@ss@cam.local:554/x", "rtsp://admin:***@cam.local:554/x")]
    [InlineData("http://host/stream/door?token=cdt_abc&fps=5", "http://host/stream/door?token=***&fps=5")]
    [InlineData("http://cam/snapshot.cgi?user=admin&pwd=secret", "http://cam/snapshot.cgi?user=admin&pwd=***")]
    [InlineData("rtsp://cam.local/stream1", "rtsp://cam.local/stream1")]
    [InlineData("/videos/loop.mp4", "/videos/loop.mp4")]
    public void Redact_MasksPasswordsAndTokens(string source, string shown) => Assert.Equal(shown, CameraSourceSpec.Redact(source));

    [Fact]
    public void RedactText_MasksUrlsInsideLogLines() =>
        Assert.Equal("[rtsp @ 0x1] rtsp://u:***@127.0.0.1:8554/test: Server returned 401 Unauthorized",
            CameraSourceSpec.RedactText("[rtsp @ 0x1] rtsp://u:secret@127.0.0.1:8554/test: Server returned 401 Unauthorized"));

    [Theory]
    [InlineData("rtsp://cam/x", SourceKind.Network)]
    [InlineData("http://cam/video.mjpg", SourceKind.Http)]
    [InlineData("https://cam/snapshot.jpg", SourceKind.Http)]
    [InlineData("https://cdn/live/index.m3u8", SourceKind.Network)]
    [InlineData("0", SourceKind.Device)]
    [InlineData("/tmp/a.mp4", SourceKind.File)]
    [InlineData("TestPattern", SourceKind.TestPattern)]
    public void Sources_AreClassifiedByScheme(string source, SourceKind kind) => Assert.Equal(kind, CameraSourceSpec.KindOf(source));

    [Theory]
    [InlineData("rtsp://admin:pw@cam/x", "RTSP camera")]
    [InlineData("http://cam/video.mjpg", "HTTP camera")]
    [InlineData("https://cdn/live/index.m3u8", "HLS stream")]
    [InlineData("srt://relay:9000", "SRT stream")]
    [InlineData("0", "USB camera")]
    [InlineData("/tmp/a.mp4", "Video file")]
    [InlineData("testpattern", "Test pattern")]
    public void Sources_AreDescribedInWords(string source, string words) => Assert.Equal(words, CameraSourceSpec.Describe(source));

    [Fact]
    public async Task JpegHeader_ReadsTheSize_AndRefusesWhatIsNotAJpeg()
    {
        await using var server = new JpegHttpServer(count: 1);
        Assert.True(JpegHeader.TryReadSize(server.Frames[0], out var width, out var height));
        Assert.Equal((160, 120), (width, height));
        Assert.False(JpegHeader.TryReadSize("not a jpeg"u8, out _, out _));
        Assert.False(JpegHeader.TryReadSize(server.Frames[0].AsSpan(0, 20), out _, out _));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 7)]
    [InlineData(false, 7)]
    public async Task MultipartReader_ReadsEveryPartExactly_WhateverTheReadSizes(bool withLength, int readSize)
    {
        await using var server = new JpegHttpServer(count: 3);
        var body = new MemoryStream();
        var preamble = Encoding.ASCII.GetBytes("\r\n");
        body.Write(preamble);
        foreach (var jpeg in server.Frames)
        {
            var head = withLength ? $"--b\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n" : "--b\r\nContent-Type: image/jpeg\r\n\r\n";
            body.Write(Encoding.ASCII.GetBytes(head));
            body.Write(jpeg);
            body.Write("\r\n"u8);
        }

        body.Write("--b--\r\n"u8);
        body.Position = 0;
        var reader = new MultipartJpegReader(new TrickleStream(body, readSize), "b");
        using var frame = new SourceFrame();
        foreach (var expected in server.Frames)
        {
            Assert.True(reader.ReadNext(frame));
            Assert.Equal(expected, frame.Jpeg.ToArray());
        }

        Assert.False(reader.ReadNext(frame));
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a slow socket does.</summary>
    private sealed class TrickleStream(Stream inner, int most) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, most));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
