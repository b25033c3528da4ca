using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Keeps every log entry at <paramref name="minimum"/> or above: errors (what the
/// console shows as <c>fail:</c> or <c>crit:</c>), so a test can assert that normal use logs none,
/// or every line, so it can count them.</summary>
public sealed class LogRecorder(LogLevel minimum = LogLevel.Error) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
