using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Streaming;

[Collection(TimingSensitive.Name)]
public sealed class VideoFileSourceTests
{
    [Fact]
    public async Task GeneratedVideoFile_PlaysAsACamera_InALoop()
    {
        var path = Path.Combine(Path.GetTempPath(), $"camdashboard-{Guid.NewGuid():N}.avi");
        WriteVideo(path);

        try
        {
            await using var app = new TestApp(new CameraOptions { Id = "file", Source = path, MaxFps = 30 });
            await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/file");

            // More frames than the file holds: it loops.
            const int FramesInFile = 8;
            var parts = await stream.Reader.ReadPartsAsync(FramesInFile * 2 + 2);
            using var image = Cv2.ImDecode(parts[^1].Jpeg, ImreadModes.Color);
            Assert.Equal(new Size(200, 150), image.Size());
            var camera = app.Get<CameraCatalog>().Find("file")!;
            Assert.Equal((SourceKind.File, CameraState.Live), (camera.SourceKind, camera.State));

            // Paced at the file's own 20 fps, not as fast as it decodes (hundreds a second). Only the
            // upper bound is behaviour: a loaded machine may deliver fewer, which is the bench's business.
            var rate = (parts.Count - 1) / (parts[^1].Timestamp - parts[0].Timestamp);
            Assert.InRange(rate, 1, 25);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes an 8-frame 200×150 MJPEG video at 20 fps to <paramref name="path"/>.</summary>
    internal static void WriteVideo(string path)
    {
        using var writer = new VideoWriter(path, FourCC.MJPG, 20, new Size(200, 150));
        Assert.True(writer.IsOpened());
        for (var i = 0; i < 8; i++)
        {
            using var frame = new Mat(150, 200, MatType.CV_8UC3, new Scalar(i * 30, 100, 200 - i * 20));
            writer.Write(frame);
        }
    }
}
