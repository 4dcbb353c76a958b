using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Logging;

/// <summary>A logger factory that keeps every entry (category, level, event, message), for asserting what reached a logger.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly List<CapturedEntry> _entries = [];

    public IReadOnlyList<CapturedEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILoggerFactory CreateFactory(LogLevel minimum) => LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(CapturedEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(new CapturedEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}
