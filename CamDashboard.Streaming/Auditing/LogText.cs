namespace CamDashboard.Streaming.Auditing;

/// <summary>Makes a user-supplied string safe to log or store: bounded in length, and with
/// control characters (newlines that would forge log lines) replaced.</summary>
public static class LogText
{
    /// <summary>Longest user-supplied string kept (user names are at most this long too).</summary>
    public const int MaxLength = 256;

    /// <summary>The value, cut to <see cref="MaxLength"/> with an ellipsis, control characters as '?'.</summary>
    public static string? Bounded(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cut = value.Length > MaxLength ? value[..MaxLength] + "…" : value;
        return string.Create(cut.Length, cut, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
