using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Telephony.Tests.Infrastructure;

/// <summary>Keeps every log entry an app writes (category, level, message) for a test to read.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> entries = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
