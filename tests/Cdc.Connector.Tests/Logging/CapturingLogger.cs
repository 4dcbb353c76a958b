using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Logging;

/// <summary>One category's logger of a <see cref="CapturedLog"/>.</summary>
internal sealed class CapturingLogger(CapturedLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        log.Add(new CapturedEntry(category, logLevel, eventId, formatter(state, exception)));
}
