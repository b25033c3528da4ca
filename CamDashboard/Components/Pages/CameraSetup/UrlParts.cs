namespace CamDashboard.Components.Pages.CameraSetup;

/// <summary>A URL cut after each of its separators, for a page to offer a line break there
/// (<c>&lt;wbr&gt;</c>) rather than inside a host name or a word of its path.</summary>
internal static class UrlParts
{
    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create("/?&=:");

    public static IEnumerable<string> Split(string url)
    {
        var rest = url;
        for (var at = rest.AsSpan().IndexOfAny(Separators); at >= 0; at = rest.AsSpan().IndexOfAny(Separators))
        {
            yield return rest[..(at + 1)];
            rest = rest[(at + 1)..];
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
