using System.Diagnostics;
using System.Globalization;
using CamDashboard.Streaming.Cameras;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>A network video stream (RTSP H.264/H.265, RTMP, SRT, HLS) decoded by the system's
/// <c>ffmpeg</c> in a supervised child process — the FFmpeg inside OpenCV's runtime package
/// cannot open network URLs. FFmpeg writes raw YUV 4:2:0 frames (<c>yuv4mpegpipe</c>, which
/// carries its own size) to a pipe; this class converts each to BGR for the encoder. A stream
/// that is MJPEG already (MJPEG over RTSP) is reopened with <c>-c:v copy</c> instead, and its
/// JPEGs are passed through without a decode.
/// The child dies with the source: killed on stop or stall, and through the kernel's
/// parent-death signal (<c>setpriv --pdeathsig</c>) even if the app itself is killed.</summary>
internal sealed class FfmpegSource(CameraOptions camera, ILogger logger) : ICameraSource
{
    // FFmpeg's own socket timeout, so a silent server ends the child by itself (microseconds).
    private const string SocketTimeoutMicros = "5000000";
    // FFmpeg describes the input before its first output byte; its log reader needs a moment.
    private static readonly TimeSpan DescriptionWait = TimeSpan.FromSeconds(1);
    private readonly FfmpegOutput _output = new();
    private JpegStreamReader? _jpegs;
    private Process? _process;
    private Stream? _stdout;
    private CancellationTokenRegistration _onCancel;
    private byte[] _yuv = [];
    private Mat? _yuvImage;
    private int _width;
    private int _height;

    /// <summary>The ffmpeg executable; replaceable for tests and unusual installs.</summary>
    public static string Executable { get; set; } = "ffmpeg";

    public string Format => _output.Description ?? $"video over {new Uri(camera.Source).Scheme.ToUpperInvariant()}";

    public void Open(CancellationToken cancellationToken)
    {
        var url = SourceCredentials.Embedded(camera);
        _onCancel = cancellationToken.Register(static state => ((FfmpegSource)state!).Kill(), this);
        _process = Start(url, copyJpeg: false);
        _stdout = _process.StandardOutput.BaseStream;
        var header = ReadHeaderLine();
        if (header is not null && _output.Described.Wait(DescriptionWait, cancellationToken) && _output.Codec == "mjpeg")
        {
            // The camera's own JPEGs can go to viewers untouched: reopen without decoding. The
            // description already read stays (the second run says the same).
            StopProcess();
            _process = Start(url, copyJpeg: true);
            _stdout = _process.StandardOutput.BaseStream;
            _jpegs = new JpegStreamReader(_stdout);
            return;
        }

        if (header is null || !header.StartsWith("YUV4MPEG2 ", StringComparison.Ordinal))
        {
            // FFmpeg exits on its own after a failure; its log says why. The parameterless wait
            // after a timed one that succeeded is the one that lets the log reader finish.
            if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.WaitForExit();
            }

            throw _output.Failure(url.Host);
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

        _yuv = new byte[_width * _height * 3 / 2];
        _yuvImage = Mat.FromPixelData(_height * 3 / 2, _width, MatType.CV_8UC1, _yuv);
    }

    public bool Read(SourceFrame frame)
    {
        if (_jpegs is not null)
        {
            return _jpegs.ReadNext(frame);
        }

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
        frame.CommitPixels();
        return true;
    }

    public void Dispose()
    {
        _onCancel.Dispose();
        StopProcess();
        _yuvImage?.Dispose();
    }

    private void StopProcess()
    {
        Kill();
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

    private Process Start(Uri url, bool copyJpeg)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        var ffmpegArgs = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info" };
        if (url.Scheme is "rtsp" or "rtsps")
        {
            var transport = string.Equals(camera.Transport, "udp", StringComparison.OrdinalIgnoreCase) ? "udp" : "tcp";
            ffmpegArgs.AddRange(["-rtsp_transport", transport, "-timeout", SocketTimeoutMicros]);
        }
        else
        {
            ffmpegArgs.AddRange(["-rw_timeout", SocketTimeoutMicros]);
        }

        ffmpegArgs.AddRange(["-fflags", "nobuffer", "-flags", "low_delay", "-i", url.AbsoluteUri, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        if (copyJpeg)
        {
            ffmpegArgs.AddRange(["-c:v", "copy", "-f", "mjpeg", "pipe:1"]);
        }
        else
        {
            if (camera.Width > 0 && camera.Height > 0)
            {
                ffmpegArgs.AddRange(["-vf", $"scale={camera.Width}:{camera.Height}"]);
            }

            // Every decoded frame, as it comes: no duplicates or drops to fake a constant rate.
            ffmpegArgs.AddRange(["-fps_mode", "passthrough", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", "pipe:1"]);
        }

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
        var output = _output;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                StreamingLog.FfmpegOutput(logger, camera.Id, output.Add(line, url.Scheme));
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
