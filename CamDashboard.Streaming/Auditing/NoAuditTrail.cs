namespace CamDashboard.Streaming.Auditing;

internal sealed class NoAuditTrail : IAuditTrail
{
    public Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken) => Task.CompletedTask;
}
