using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Tests.Cluster;

/// <summary>Every live event crosses to another node as JSON and arrives whole.</summary>
public sealed class EventWireTests
{
    public static TheoryData<LiveEvent> Events() =>
    [
        new CameraStateChanged("cam", CameraState.Live, null),
        new CameraSettingsChanged("cam", 33, 7, "admin"),
        new CameraListChanged("cam", CameraChangeKind.Redefined),
        new ViewerJoined(1L << 32 | 5, "cam", ViewerKind.Mjpeg, "olga", "127.0.0.1"),
        new ViewerLeft(7, "cam", 12),
        new ViewerKicked(7, "cam", "olga", "admin", 5),
        new BanSet("user:olga", DateTimeOffset.UnixEpoch.AddDays(20000), "admin"),
        new BanLifted("user:olga", "admin"),
        new UserChanged("olga", UserChangeKind.Removed, "admin"),
        new TokenChanged("3", "wall", TokenChangeKind.Revoked, "admin"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void AnEvent_SurvivesTheWire(LiveEvent change)
    {
        var stamped = change with { At = DateTimeOffset.UnixEpoch.AddDays(20000), Node = "a" };
        var json = JsonSerializer.Serialize(stamped, CamDashboard.Cluster.RedisEventBus.Json);
        Assert.Equal(stamped, JsonSerializer.Deserialize<LiveEvent>(json, CamDashboard.Cluster.RedisEventBus.Json));
    }
}
