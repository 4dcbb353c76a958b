using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Tests.Logging;

/// <summary>Runs every log call through a console formatter into a writer, synchronously, as the console logger would.</summary>
internal sealed class FormatterLoggerProvider(ConsoleFormatter formatter, TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(formatter, writer, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConsoleFormatter formatter, TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter1) =>
            formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter1), null, writer);
    }
}
