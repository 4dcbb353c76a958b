using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Tests.Logging;

/// <summary>Writes each entry through a console formatter into a writer, synchronously.</summary>
internal sealed class FormattingLogger(ConsoleFormatter formatter, TextWriter writer, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> messageFormatter) =>
        formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, messageFormatter), null, writer);
}
