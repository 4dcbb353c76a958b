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

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Add(CapturedEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}
