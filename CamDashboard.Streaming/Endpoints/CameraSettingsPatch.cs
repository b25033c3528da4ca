namespace CamDashboard.Streaming.Endpoints;

/// <summary>The body of <c>PATCH /api/cameras/{id}</c>; absent fields keep their value.</summary>
public sealed record CameraSettingsPatch(int? Quality, int? MaxFps, ActivityPatch? Activity = null);

/// <summary>The activity watch in a <see cref="CameraSettingsPatch"/>: <c>enabled: false</c> switches it
/// off; otherwise it is on, with the sensitivity and mask given or kept (<c>mask: ""</c> clears the mask).</summary>
public sealed record ActivityPatch(bool? Enabled, int? Sensitivity, string? Mask);
