using System.Collections.Concurrent;
using CamDashboard.Streaming.Auditing;

namespace CamDashboard.Tests.Components;

/// <summary>Keeps what was audited, for component tests without a database.</summary>
internal sealed class CountingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<(string? User, string Action, string Detail)> Entries { get; } = new();

    public Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken)
    {
        Entries.Enqueue((user, action, detail));
        return Task.CompletedTask;
    }
}
