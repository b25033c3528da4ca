namespace CamDashboard.Streaming.Frames;

/// <summary>A rendition of a camera's frames. Every tier someone watches is encoded once per
/// captured frame and shared by all its viewers; a tier nobody watches costs nothing.</summary>
public enum FrameTier
{
    /// <summary>The camera's frames at its size and quality setting (the camera's own JPEG at Original).</summary>
    Full,

    /// <summary>Full size at a lower quality: about half the bytes.</summary>
    Low,

    /// <summary>Half size, from <see cref="FrameTiers.SmallMinWidth"/> to <see cref="FrameTiers.SmallMaxWidth"/>
    /// pixels wide: dashboard tiles, and the last step for a viewer whose connection cannot carry more.</summary>
    Small,
}

/// <summary>What each tier is, in one place.</summary>
public static class FrameTiers
{
    /// <summary>The widest a <see cref="FrameTier.Small"/> frame gets.</summary>
    public const int SmallMaxWidth = 480;

    /// <summary>The narrowest a <see cref="FrameTier.Small"/> frame gets (unless the camera is
    /// narrower): a tile is about this wide, and a smaller picture would be blurred up to fill it.</summary>
    public const int SmallMinWidth = 320;

    /// <summary>The quality a <see cref="FrameTier.Low"/> frame is encoded at (or the camera's own, when lower).</summary>
    public const int LowQuality = 40;

    /// <summary>The quality a <see cref="FrameTier.Small"/> frame is encoded at (or the camera's own, when lower).</summary>
    public const int SmallQuality = 60;

    /// <summary>All tiers, best first.</summary>
    public static IReadOnlyList<FrameTier> All { get; } = Enum.GetValues<FrameTier>();

    /// <summary>The quality a tier is encoded at, given the camera's encode quality.</summary>
    public static int Quality(FrameTier tier, int cameraQuality) => tier switch
    {
        FrameTier.Low => Math.Min(LowQuality, cameraQuality),
        FrameTier.Small => Math.Min(SmallQuality, cameraQuality),
        _ => cameraQuality,
    };

    /// <summary>The size of a tier's frame for a camera frame of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static (int Width, int Height) Size(FrameTier tier, int width, int height)
    {
        if (tier != FrameTier.Small || width <= 1)
        {
            return (width, height);
        }

        var smallWidth = Math.Clamp(width / 2, Math.Min(width, SmallMinWidth), SmallMaxWidth);
        return (smallWidth, Math.Max(1, (int)Math.Round(height * (double)smallWidth / width)));
    }

    /// <summary>The tier's name as the <c>tier</c> query parameter and the API spell it.</summary>
    public static string Name(FrameTier tier) => tier.ToString().ToLowerInvariant();

    /// <summary>Reads a tier name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? value, out FrameTier tier)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(value, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                tier = candidate;
                return true;
            }
        }

        tier = FrameTier.Full;
        return false;
    }
}
