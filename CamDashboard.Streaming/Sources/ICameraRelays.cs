namespace CamDashboard.Streaming.Sources;

/// <summary>Where a camera's frames come from in a cluster: each camera is captured by one node
/// (its owner); every other node relays the owner's stream instead of opening the camera.</summary>
/// <param name="Owner">The node that captures the camera.</param>
/// <param name="OwnerUrl">Where that node serves its streams; null while it says nowhere (it has died, and its lease is about to end).</param>
/// <param name="Authorization">The <c>Authorization</c> header a node presents to another.</param>
public sealed record CameraRelay(string Owner, Uri? OwnerUrl, string Authorization)
{
    /// <summary>The claim (its value: the node's name) of a request from another node: its
    /// relays count toward no user's or address's stream cap.</summary>
    public const string NodeClaimType = "camdashboard:node";
}

/// <summary>Which node captures which camera. A single node captures every camera itself.</summary>
public interface ICameraRelays
{
    /// <summary>Null when this node captures <paramref name="cameraId"/> itself; otherwise where
    /// to relay it from. Asked on a capture thread before each attempt to open the camera, and
    /// may take a round trip to decide.</summary>
    CameraRelay? RelayFor(string cameraId);

    /// <summary>The node that captures <paramref name="cameraId"/>, as last known; empty on a single node.</summary>
    string OwnerOf(string cameraId);

    /// <summary>Raised with a camera's id when the node that captures it changes: its capture starts again, from the new place.</summary>
    event EventHandler<string>? OwnerChanged;
}

/// <summary>One node: it captures every camera.</summary>
internal sealed class NoCameraRelays : ICameraRelays
{
    public CameraRelay? RelayFor(string cameraId) => null;

    public string OwnerOf(string cameraId) => "";

    public event EventHandler<string>? OwnerChanged
    {
        add { }
        remove { }
    }
}
