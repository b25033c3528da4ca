using System.Net;
using CamDashboard.Streaming.Auditing;

namespace CamDashboard.Auth;

/// <summary>Counts requests refused with 401 (no credentials at all) and says so at most every ten
/// seconds, with how many there were and the latest: a flood of anonymous requests must not
/// become a flood of log lines (the framework's own line per challenge is turned down).</summary>
internal sealed class AuthRefusals(ILogger<AuthRefusals> logger)
{
    private static readonly long ReportEvery = TimeSpan.FromSeconds(10).Ticks;
    private long _refused;
    private long _reportedAt;

    public void Refused(IPAddress? address, string path)
    {
        Interlocked.Increment(ref _refused);
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        var last = Interlocked.Read(ref _reportedAt);
        if (now - last >= ReportEvery && Interlocked.CompareExchange(ref _reportedAt, now, last) == last)
        {
            AuthLog.Refused(logger, Interlocked.Exchange(ref _refused, 0), address?.ToString(), LogText.Bounded(path) ?? "");
        }
    }
}
