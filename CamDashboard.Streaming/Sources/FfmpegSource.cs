using System.Diagnostics;
using System.Globalization;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Frames;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace CamDashboard.Streaming.Sources;

/// <summary>A network video stream (RTSP H.264/H.265, RTMP, SRT, HLS) decoded by the system's
/// <c>ffmpeg</c> in a supervised child process — the FFmpeg inside OpenCV's runtime package
/// cannot open network URLs. FFmpeg writes raw YUV 4:2:0 frames (<c>yuv4mpegpipe</c>, which
/// carries its own size) to a pipe; this class converts each to BGR for the encoder. A stream
/// that is MJPEG already (MJPEG over RTSP) is reopened with <c>-c:v copy</c> instead, and its
/// JPEGs are passed through without a decode.
/// <para>FFmpeg does only what the demand asks: it drops frames above the wanted rate before
/// they are converted (<c>-r N -fps_mode vfr</c>), scales a stream only small tiles watch down
/// to their size (so a 1080p picture never crosses the pipe to be thrown away), and in standby
/// does not run at all for RTSP (an <see cref="RtspProbe"/> checks the camera now and then) or
/// only copies the stream to nowhere for other protocols, decoding nothing. A change of demand
/// restarts it with the new arguments.</para>
/// The child dies with the source: killed on stop or stall, and through the kernel's
/// parent-death signal (<c>setpriv --pdeathsig</c>) even if the app itself is killed.</summary>
internal sealed class FfmpegSource(CameraOptions camera, TimeProvider time, FrameLimits limits, ILogger logger) : ICameraSource
{
    // FFmpeg's own socket timeout, so a silent server ends the child by itself (microseconds).
    private const string SocketTimeoutMicros = "5000000";
    // FFmpeg describes the input before its first output byte; its log reader needs a moment.
    private static readonly TimeSpan DescriptionWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(4);
    private readonly FfmpegOutput _output = new();
    private readonly Uri _url = SourceCredentials.Embedded(camera);
    private readonly bool _isRtsp = new Uri(camera.Source).Scheme is "rtsp" or "rtsps";
    private SourceDemand? _serving;
    private JpegStreamReader? _jpegs;
    private Process? _process;
    private Stream? _stdout;
    private CancellationToken _cancellation;
    private CancellationTokenRegistration _onCancel;
    private DateTimeOffset _lastCheck;
    private byte[] _yuv = [];
    private Mat? _yuvImage;
    private int _width;
    private int _height;

    /// <summary>The ffmpeg executable; replaceable for tests and unusual installs.</summary>
    public static string Executable { get; set; } = "ffmpeg";

    // Unknown until FFmpeg has described the input (not at all while an RTSP camera is only probed).
    public string Format => _output.Description ?? "";

    // What the stream declares, else what FFmpeg measures coming in.
    public double? NativeFps => _output.Fps ?? _output.InputFps;

    public void Open(SourceDemand demand, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        _onCancel = cancellationToken.Register(static state => ((FfmpegSource)state!).Kill(), this);
        Serve(demand);
    }

    public SourceRead Read(SourceFrame frame, SourceDemand demand)
    {
        if (!demand.SameOutput(_serving))
        {
            Serve(demand);
        }

        if (!demand.Frames)
        {
            return Idle(demand);
        }

        return (_jpegs?.ReadNext(frame) ?? ReadPixels(frame)) ? SourceRead.Frame : SourceRead.Ended;
    }

    public void Dispose()
    {
        _onCancel.Dispose();
        StopProcess();
        _yuvImage?.Dispose();
    }

    private void Serve(SourceDemand demand)
    {
        StopProcess();
        _serving = demand;
        if (demand.Frames)
        {
            StartDecoding(demand);
        }
        else if (_isRtsp)
        {
            Check();
        }
        else
        {
            StartCopying();
        }
    }

    private SourceRead Idle(SourceDemand demand)
    {
        if (_isRtsp && time.GetUtcNow() - _lastCheck >= demand.CheckEvery)
        {
            Check();
        }
        else if (_process is { HasExited: true })
        {
            WaitForLog();
            throw _output.Failure(_url.Host);
        }
        else
        {
            demand.WaitForChange(SourceDemand.IdleWait);
        }

        return SourceRead.Idle;
    }

    private void Check()
    {
        var (url, credential) = SourceCredentials.Split(camera);
        RtspProbe.Check(url, credential, ProbeTimeout, _cancellation);
        _lastCheck = time.GetUtcNow();
    }

    // Standby for protocols without a cheap probe: the stream is read and dropped, not decoded;
    // FFmpeg exiting is the camera going away.
    private void StartCopying()
    {
        _process = Start(["-c:v", "copy", "-f", "null", "-"]);
        // Up once FFmpeg has described the input; failed if it exits first.
        var started = Stopwatch.GetTimestamp();
        while (!_output.Described.Wait(TimeSpan.FromMilliseconds(50), _cancellation))
        {
            if (_process.HasExited || Stopwatch.GetElapsedTime(started) > ProbeTimeout)
            {
                WaitForLog();
                throw _output.Failure(_url.Host);
            }
        }
    }

    private void StartDecoding(SourceDemand demand)
    {
        if (_output.Codec == "mjpeg")
        {
            StartCopyingJpegs();
            return;
        }

        _process = Start(DecodeArguments(demand));
        _stdout = _process.StandardOutput.BaseStream;
        var header = ReadHeaderLine();
        if (header is not null && _output.Described.Wait(DescriptionWait, _cancellation) && _output.Codec == "mjpeg")
        {
            // The camera's own JPEGs can go to viewers untouched: reopen without decoding.
            StopProcess();
            StartCopyingJpegs();
            return;
        }

        if (header is null || !header.StartsWith("YUV4MPEG2 ", StringComparison.Ordinal))
        {
            WaitForLog();
            throw _output.Failure(_url.Host);
        }

        foreach (var field in header.Split(' '))
        {
            if (field.Length > 1 && field[0] == 'W')
            {
                _width = int.Parse(field.AsSpan(1), CultureInfo.InvariantCulture);
            }
            else if (field.Length > 1 && field[0] == 'H')
            {
                _height = int.Parse(field.AsSpan(1), CultureInfo.InvariantCulture);
            }
        }

        // Checked before the buffer is allocated: a stream that claims a huge size gets no memory for it.
        if (!limits.Allows(_width, _height))
        {
            throw new CameraSourceException(limits.TooManyPixels(_width, _height));
        }

        _yuvImage?.Dispose();
        _yuv = new byte[_width * _height * 3 / 2];
        _yuvImage = Mat.FromPixelData(_height * 3 / 2, _width, MatType.CV_8UC1, _yuv);
    }

    private void StartCopyingJpegs()
    {
        _process = Start(["-c:v", "copy", "-f", "mjpeg", "pipe:1"]);
        _stdout = _process.StandardOutput.BaseStream;
        _jpegs = new JpegStreamReader(_stdout, limits);
    }

    private List<string> DecodeArguments(SourceDemand demand)
    {
        var arguments = new List<string>();
        var (width, height) = (camera.Width, camera.Height);
        if (demand.SmallOnly)
        {
            // Scaled here, from the decoder's own picture: the small tier's rule (FrameTiers.Size)
            // as an FFmpeg expression when the size is not known yet.
            var scale = width > 0 && height > 0 ? Small(width, height)
                : _output.Size is { Width: > 0 } size ? Small(size.Width, size.Height)
                : $"scale='trunc(min(max(iw/2,min(iw,{FrameTiers.SmallMinWidth})),{FrameTiers.SmallMaxWidth})/2)*2':-2";
            arguments.AddRange(["-vf", scale]);
        }
        else if (width > 0 && height > 0)
        {
            arguments.AddRange(["-vf", $"scale={width}:{height}"]);
        }

        // At most the wanted rate, dropping the rest before conversion; never a duplicate to fake a constant rate.
        arguments.AddRange(["-r", demand.MaxFps.ToString(CultureInfo.InvariantCulture), "-fps_mode", "vfr", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "pipe:1"]);
        return arguments;
    }

    private static string Small(int width, int height)
    {
        var (w, h) = FrameTiers.Size(FrameTier.Small, width, height);
        return string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}");
    }

    private bool ReadPixels(SourceFrame frame)
    {
        // Each frame: "FRAME" (with optional parameters) and a newline, then the planes.
        var marker = ReadHeaderLine();
        if (marker is null || !marker.StartsWith("FRAME", StringComparison.Ordinal))
        {
            return false;
        }

        var filled = 0;
        while (filled < _yuv.Length)
        {
            var read = _stdout!.Read(_yuv, filled, _yuv.Length - filled);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        Cv2.CvtColor(_yuvImage!, frame.PixelBuffer, ColorConversionCodes.YUV2BGR_I420);
        var native = camera.Width > 0 && camera.Height > 0 ? (camera.Width, camera.Height) : _output.Size is { Width: > 0 } size ? size : (_width, _height);
        frame.CommitPixels(native.Item1, native.Item2);
        return true;
    }

    // The parameterless wait after a timed one that succeeded lets the log reader finish.
    private void WaitForLog()
    {
        if (_process?.WaitForExit(TimeSpan.FromSeconds(2)) == true)
        {
            _process.WaitForExit();
        }
    }

    private void StopProcess()
    {
        Kill();
        _jpegs = null;
        _stdout = null;
        if (_process is not null)
        {
            // Reap the child so that no zombie is left behind. Process.Dispose leaves a stdout
            // that was read synchronously open: one pipe per reconnect until it is closed here.
            _process.WaitForExit(TimeSpan.FromSeconds(2));
            _process.StandardOutput.Dispose();
            _process.Dispose();
            _process = null;
        }
    }

    private Process Start(List<string> output)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        // Progress once a second: how fast the input arrives (FfmpegOutput.InputFps).
        var ffmpegArgs = new List<string> { "-hide_banner", "-nostdin", "-stats", "-stats_period", "1", "-loglevel", "info" };
        if (_isRtsp)
        {
            var transport = string.Equals(camera.Transport, "udp", StringComparison.OrdinalIgnoreCase) ? "udp" : "tcp";
            // A camera's parameters are in its description (SDP): probing a few packets more only
            // delays the first frame (by seconds with FFmpeg's defaults).
            ffmpegArgs.AddRange(["-rtsp_transport", transport, "-timeout", SocketTimeoutMicros, "-analyzeduration", "0", "-probesize", "4096"]);
        }
        else
        {
            ffmpegArgs.AddRange(["-rw_timeout", SocketTimeoutMicros]);
            if (IsHls)
            {
                // A playlist hands over a segment at a time: read at the stream's own pace, or
                // every segment's frames arrive in one burst and viewers see the last of them only.
                ffmpegArgs.Add("-re");
            }
        }

        ffmpegArgs.AddRange(["-i", _url.AbsoluteUri, "-map", "0:v:0", "-an", "-sn", "-dn", .. output]);
        if (File.Exists("/usr/bin/setpriv"))
        {
            info.FileName = "/usr/bin/setpriv";
            foreach (var arg in (string[])["--pdeathsig", "KILL", "--", Executable])
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info.FileName = Executable;
        }

        ffmpegArgs.ForEach(info.ArgumentList.Add);
        var process = new Process { StartInfo = info };
        var log = _output;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && log.Add(line, _url.Scheme) is { } redacted)
            {
                StreamingLog.FfmpegOutput(logger, camera.Id, redacted);
            }
        };

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new CameraSourceException($"'{Executable}' could not be started ({ex.Message}); install FFmpeg (apt-get install ffmpeg).", ex);
        }

        process.BeginErrorReadLine();
        return process;
    }

    private bool IsHls => _url.Scheme is "http" or "https" && _url.AbsolutePath.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase);

    private string? ReadHeaderLine()
    {
        Span<byte> line = stackalloc byte[256];
        var length = 0;
        while (length < line.Length)
        {
            var b = _stdout!.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return System.Text.Encoding.ASCII.GetString(line[..length]);
            }

            line[length++] = (byte)b;
        }

        return null;
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
