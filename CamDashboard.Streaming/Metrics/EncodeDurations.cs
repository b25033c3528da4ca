using System.Diagnostics.Metrics;

namespace CamDashboard.Streaming.Metrics;

/// <summary>How long each JPEG encode took (scaling included), per camera, as a histogram of the
/// <see cref="StreamingMetrics.MeterName"/> meter: a graph shows the encode's 95th percentile, not
/// only its average. Recorded once per encode (once per captured frame and tier watched, never
/// per viewer), beside the milliseconds the encode itself takes.</summary>
public sealed class EncodeDurations
{
    /// <summary>Bucket bounds in seconds, from half a millisecond (a small tile) to a second (a
    /// huge frame on a busy core).</summary>
    public static readonly IReadOnlyList<double> Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Histogram<double> _histogram;

    public EncodeDurations(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _histogram = meters.Create(StreamingMetrics.MeterName).CreateHistogram(
            "camdashboard.camera.encode.duration", "s", "Time each JPEG encode took, scaling included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
    }

    internal void Record(string camera, TimeSpan took) =>
        _histogram.Record(took.TotalSeconds, new KeyValuePair<string, object?>("camera", camera));
}
