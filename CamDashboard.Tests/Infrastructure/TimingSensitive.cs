namespace CamDashboard.Tests.Infrastructure;

/// <summary>Tests that compare delivered frames with produced ones run alone, after the
/// parallel ones: on two cores, other tests' load would starve the test's own reader and
/// show up as the server dropping frames.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
