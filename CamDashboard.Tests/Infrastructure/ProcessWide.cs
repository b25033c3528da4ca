namespace CamDashboard.Tests.Infrastructure;

/// <summary>Tests that count the whole test process's threads, file descriptors or child
/// processes run alone: other tests' cameras would move the counts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "Process-wide counts";
}
