using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Telephony.Tests.Telemetry;

/// <summary>
/// Every log entry written through the console formatter the app is configured with (<c>Logging:Console:FormatterName</c>),
/// so a test reads the very lines an operator's log shipper would, without sharing the process's console.
/// </summary>
internal sealed class ConsoleLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private ConsoleFormatter? formatter;

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConsoleLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner.formatter is not { } console)
            {
                return;
            }

            using var writer = new StringWriter();
            console.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, writer);
            owner.lines.Enqueue(writer.ToString());
        }
    }

    /// <summary>Picks the app's console formatter once the host has its services.</summary>
    internal sealed class Attach(ConsoleLines lines, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var name = services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
            lines.formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
