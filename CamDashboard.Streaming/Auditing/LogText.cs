namespace CamDashboard.Streaming.Auditing;

/// <summary>Makes a user-supplied string safe to log or store: bounded in length, and with
/// control characters (newlines that would forge log lines) replaced.</summary>
public static class LogText
{
    /// <summary>Longest user-supplied string kept (user names are at most this long too).</summary>
    public const int MaxLength = 256;

    /// <summary>The value, cut to <paramref name="maxLength"/> with an ellipsis, control characters as '?'.</summary>
    public static string? Bounded(string? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return null;
        }

        var cut = value.Length > maxLength ? value[..(maxLength - 1)] + "…" : value;
        return string.Create(cut.Length, cut, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
