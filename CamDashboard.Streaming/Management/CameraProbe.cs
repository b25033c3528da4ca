using System.Diagnostics;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using Microsoft.Extensions.Options;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Management;

/// <summary>The dashboard's Test button: opens a camera source apart from the running cameras,
/// takes one frame and measures the rate over the next few, or reports the precise error. The
/// definition meets the same rules as a saved one; a few tests run at once, no more (each may be a
/// child process): one more is answered <see cref="Busy"/> at once.</summary>
public sealed class CameraProbe(ICameraSourceFactory sources, IOptions<CameraStreamingOptions> options) : IDisposable
{
    /// <summary>The tests that may run at once.</summary>
    public const int MaxAtOnce = 2;

    /// <summary>The <see cref="ProbeResult.Fault"/> of a test refused because <see cref="MaxAtOnce"/> already run.</summary>
    public const string Busy = "Busy";

    private readonly SemaphoreSlim _running = new(MaxAtOnce, MaxAtOnce);
    private readonly SourceFolders _folders = new([.. options.Value.Sources.AllowedFolders]);

    /// <summary>How long a probe may take to get its first frame.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1.5);
    private const int RateFrames = 10;

    /// <summary>Tests <paramref name="camera"/>'s main stream or its substream (<paramref name="role"/>); never throws for a bad source.</summary>
    public async Task<ProbeResult> ProbeAsync(CameraOptions camera, CancellationToken cancellationToken, StreamRole role = StreamRole.Main)
    {
        ArgumentNullException.ThrowIfNull(camera);
        camera = camera.Clone();
        camera.Id = string.IsNullOrEmpty(camera.Id) ? "probe" : camera.Id;
        var errors = CameraRules.Check(camera, "");
        if (errors.Count > 0 || _folders.Refusal(camera) is { } refusal)
        {
            return Failed(errors.Count > 0 ? errors[0].Message : _folders.Refusal(camera)!, SourceFault.Failed);
        }

        if (!await _running.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return new ProbeResult(false, $"{MaxAtOnce} tests are running already; try again in a moment.", Busy, null, 0, 0, null, null);
        }

        try
        {
            return await RunAsync(camera, role, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    private async Task<ProbeResult> RunAsync(CameraOptions camera, StreamRole role, CancellationToken cancellationToken)
    {
        if (role == StreamRole.Sub)
        {
            if (string.IsNullOrWhiteSpace(camera.Substream))
            {
                return Failed("Substream is empty: enter the camera's second stream's URL to test it.", SourceFault.Failed);
            }

            camera = camera.SubstreamSource();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var done = new TaskCompletionSource<ProbeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Source calls block: a thread of its own, as the capture loop has.
        var thread = new Thread(() => done.TrySetResult(Probe(camera.Clone(), timeout.Token))) { IsBackground = true, Name = $"probe {camera.Id}" };
        thread.Start();
        try
        {
            // A source that cannot be interrupted (an OpenCV read) is left to finish on its own.
            return await done.Task.WaitAsync(Timeout + TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Failed($"No frame within {Timeout.TotalSeconds:0} s.", SourceFault.Unreachable);
        }
    }

    private ProbeResult Probe(CameraOptions camera, CancellationToken token)
    {
        try
        {
            using var source = sources.Create(camera);
            using var frame = new SourceFrame { Limits = options.Value.Streaming.Frames };
            var demand = new SourceDemand(true, camera.MaxFps, SmallOnly: false, TimeSpan.MaxValue, token);
            source.Open(demand, token);
            if (source.Read(frame, demand) != SourceRead.Frame || frame.IsEmpty)
            {
                return Failed(token.IsCancellationRequested ? $"No frame within {Timeout.TotalSeconds:0} s." : "The source opened but sent no frame.", SourceFault.Failed);
            }

            var (width, height) = (frame.Width, frame.Height);
            var preview = frame.IsJpeg ? frame.Jpeg.ToArray() : Encode(frame.Pixels);
            var started = Stopwatch.GetTimestamp();
            var frames = 0;
            while (frames < RateFrames && Stopwatch.GetElapsedTime(started) < RateWindow && !token.IsCancellationRequested && source.Read(frame, demand) == SourceRead.Frame)
            {
                frames++;
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            double? fps = frames >= 2 && elapsed > 0 ? Math.Round(frames / elapsed, 1) : null;
            return new ProbeResult(true, null, null, source.Format, width, height, fps, preview);
        }
        catch (CameraSourceException ex) when (!token.IsCancellationRequested)
        {
            return Failed(ex.Message, ex.Fault);
        }
#pragma warning disable CA1031 // Whatever a source throws is the answer to show, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return token.IsCancellationRequested
                ? Failed($"No frame within {Timeout.TotalSeconds:0} s.", SourceFault.Unreachable)
                : Failed($"The source failed: {CameraSourceSpec.RedactText(ex.Message)}", SourceFault.Failed);
        }
    }

    private static byte[] Encode(Mat pixels)
    {
        Cv2.ImEncode(".jpg", pixels, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 80));
        return jpeg;
    }

    private static ProbeResult Failed(string error, SourceFault fault) => new(false, error, fault.ToString(), null, 0, 0, null, null);
}
