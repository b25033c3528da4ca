namespace CamDashboard.Components.Layout;

/// <summary>The viewer's time zone, as their browser names it, so that "since 14:02" is the
/// viewer's 14:02 and not the server's (a box in a closet often runs on UTC). camdashboard.js keeps
/// the name in a cookie on every page, the sign-in page included, so the first page after signing
/// in already has it. Until a browser has said (and where nothing cascades it, as in component
/// tests), the server's own zone. Pages take it as
/// <c>[CascadingParameter] ViewerTimeZone Zone { get; set; } = ViewerTimeZone.Server;</c>.</summary>
public sealed class ViewerTimeZone(TimeZoneInfo zone)
{
    public const string Cookie = "camdashboard.tz";

    public static readonly ViewerTimeZone Server = new(TimeZoneInfo.Local);

    /// <summary>The zone the request's cookie names, when it is one this machine knows.</summary>
    public static string? IdFrom(HttpRequest request) =>
        request.Cookies[Cookie] is { Length: > 0 and <= 64 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;

    public static ViewerTimeZone For(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new(zone) : Server;

    public DateTimeOffset Of(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
}
