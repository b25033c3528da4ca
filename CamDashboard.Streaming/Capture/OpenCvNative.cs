using OpenCvSharp;

namespace CamDashboard.Streaming.Capture;

/// <summary>Checks at start that OpenCV's native library loads: without it no frame can be made,
/// and the first capture thread would end the process with a page of probing paths instead.</summary>
internal static class OpenCvNative
{
    public static void EnsureLoaded()
    {
        try
        {
            _ = Cv2.GetVersionString();
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                $"OpenCV's native library (OpenCvSharpExtern) could not be loaded, so no camera can be captured: {Reason(ex)}. "
                + "On Debian or Ubuntu it needs: sudo apt-get install libgtk-3-0 libatomic1", ex);
        }
    }

    // The loader lists every path it tried; the line that names another missing library says what to install.
    private static string Reason(Exception ex)
    {
        var lines = ex.GetBaseException().Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(l => l.Contains(".so", StringComparison.Ordinal) && !l.Contains("OpenCvSharpExtern", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.Contains("OpenCvSharpExtern.so:", StringComparison.Ordinal))
            ?? lines.FirstOrDefault()
            ?? ex.Message;
    }
}
