namespace CamDashboard.Tests.Infrastructure;

/// <summary>Tests that count the whole test process's threads, file descriptors or child
/// processes run alone: other tests' cameras would move the counts. So do the metrics tests:
/// meters are found by name across the process, and another app's meter of the same name
/// would be scraped in place of the test's own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "Process-wide counts";
}
