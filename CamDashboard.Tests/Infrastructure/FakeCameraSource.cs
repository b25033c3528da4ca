using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Camera hardware stand-in: solid frames at a fixed rate that a test can break
/// (reads fail, opens fail) or hang (a read that never returns until released).</summary>
public sealed class FakeCameraSource : ICameraSourceFactory
{
    private readonly ManualResetEventSlim _released = new(true);
    private volatile bool _failing;

    private int _opens;
    private int _hangingReads;

    public int Opens => Volatile.Read(ref _opens);

    /// <summary>Whether a read is stuck right now (after <see cref="Hang"/>), so a test can
    /// act on a capture thread that is really blocked rather than one about to be.</summary>
    public bool IsHanging => Volatile.Read(ref _hangingReads) > 0;

    public void Fail() => _failing = true;

    public void Recover() => _failing = false;

    public void Hang() => _released.Reset();

    public void Release() => _released.Set();

    public ICameraSource Create(CameraOptions camera) => new Source(this, camera);

    private sealed class Source(FakeCameraSource owner, CameraOptions camera) : ICameraSource
    {
        private int _frame;

        public string Format => "fake";

        public double? NativeFps => camera.MaxFps;

        public void Open(SourceDemand demand, CancellationToken cancellationToken)
        {
            if (owner._failing)
            {
                throw new CameraSourceException("fake camera unplugged");
            }

            Interlocked.Increment(ref owner._opens);
        }

        public SourceRead Read(SourceFrame target, SourceDemand demand)
        {
            // Idle or not, the fake hardware is checked at its own rate: unplugged or hung shows either way.
            Thread.Sleep(1000 / camera.MaxFps);
            if (!owner._released.IsSet)
            {
                Interlocked.Increment(ref owner._hangingReads);
                owner._released.Wait();
                Interlocked.Decrement(ref owner._hangingReads);
            }
            if (owner._failing)
            {
                return SourceRead.Ended;
            }

            if (!demand.Frames)
            {
                return SourceRead.Idle;
            }

            var frame = target.PixelBuffer;
            frame.Create(120, 160, MatType.CV_8UC3);
            frame.SetTo(new Scalar(_frame++ * 10 % 255, 128, 64));
            target.CommitPixels();
            return SourceRead.Frame;
        }

        public void Dispose()
        {
        }
    }
}
