namespace CamDashboard.Streaming.Delivery;

/// <summary>How far a viewer's connection has got with what was written to it.</summary>
internal interface ILinkProgress
{
    /// <summary>Bytes of the response the client has acknowledged, and the path's smallest round
    /// trip; false when that cannot be read (the connection is gone).</summary>
    bool TryRead(out long bytesAcknowledged, out TimeSpan minRoundTrip);
}
