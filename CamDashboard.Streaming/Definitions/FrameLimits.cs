namespace CamDashboard.Streaming.Definitions;

/// <summary>The most a camera may send in one frame, whatever its headers claim: bytes read
/// (<c>Streaming:MaxFrameBytes</c>) and pixels decoded (<c>Streaming:MaxFramePixels</c>, read
/// from the frame's own header before anything is decoded). A compromised camera on the LAN is
/// the likeliest attacker this server meets: without them one could take its memory.</summary>
/// <param name="MaxBytes">Largest frame, in bytes.</param>
/// <param name="MaxPixels">Largest picture, in pixels (width × height).</param>
public sealed record FrameLimits(int MaxBytes, long MaxPixels)
{
    /// <summary>32 MiB and 40 megapixels: far above any camera's frame (8K is 33 megapixels).</summary>
    public static FrameLimits Default { get; } = new(32 * 1024 * 1024, 40_000_000);

    /// <summary>Why a frame of <paramref name="bytes"/> (or more) was refused, fit to show.</summary>
    public string TooLarge(long? bytes = null) =>
        $"The camera sent a frame larger than {MaxBytes / (1024 * 1024)} MiB{(bytes is { } b ? $" ({b / (1024.0 * 1024):0.#} MiB)" : "")}; refused (Streaming:MaxFrameBytes).";

    /// <summary>Why a picture of <paramref name="width"/>×<paramref name="height"/> was refused, fit to show.</summary>
    public string TooManyPixels(long width, long height) =>
        $"The camera sent a frame larger than {MaxPixels / 1e6:0.#} megapixels ({width}×{height}); refused before decoding (Streaming:MaxFramePixels).";

    /// <summary>Whether a picture of this size may be decoded.</summary>
    public bool Allows(long width, long height) => width * height <= MaxPixels;
}
