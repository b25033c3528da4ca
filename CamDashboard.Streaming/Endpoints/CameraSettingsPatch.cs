namespace CamDashboard.Streaming.Endpoints;

/// <summary>The body of <c>PATCH /api/cameras/{id}</c>; absent fields keep their value.</summary>
public sealed record CameraSettingsPatch(int? Quality, int? MaxFps);
