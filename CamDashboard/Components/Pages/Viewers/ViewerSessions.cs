using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Components.Pages.Viewers;

/// <summary>One row of the Viewers page: the viewers of one connection (a dashboard's tile
/// socket carries one per camera; any other connection is one viewer).</summary>
public sealed class ViewerSession
{
    public IReadOnlyList<ViewerInfo> Viewers { get; internal set; } = [];

    public ViewerInfo First => Viewers[0];
}

/// <summary>The Viewers page's rows, each the same object from one refresh to the next. The
/// table keys its rows by item, so a new object every second would replace the row's elements:
/// a keyboard user's focus on its Kick button would drop to the page, and a click pressed just
/// before a refresh would be lost (it would end on another element than it began on).</summary>
public sealed class ViewerSessions
{
    private Dictionary<string, ViewerSession> _byKey = [];

    /// <summary>The rows for <paramref name="viewers"/>, in their order; a connection seen before
    /// keeps its row.</summary>
    public IReadOnlyList<ViewerSession> Group(IEnumerable<ViewerInfo> viewers)
    {
        var byKey = new Dictionary<string, ViewerSession>();
        var rows = new List<ViewerSession>();
        foreach (var group in viewers.GroupBy(Key))
        {
            var row = _byKey.GetValueOrDefault(group.Key) ?? new ViewerSession();
            row.Viewers = [.. group];
            byKey[group.Key] = row;
            rows.Add(row);
        }

        // Rows of connections that have gone are forgotten.
        _byKey = byKey;
        return rows;
    }

    /// <summary>What makes viewers one connection's: the node and session they came in on.</summary>
    public static string Key(ViewerInfo viewer) => viewer.Session is { } session ? $"{viewer.Node}/{session}" : $"viewer {viewer.Id}";
}
