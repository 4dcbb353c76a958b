using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.Host;

/// <summary>One category's logger of <see cref="TextWriterLoggerProvider"/>.</summary>
internal sealed class TextWriterLogger(TextWriterLoggerProvider provider, string category, LogLevel minimumLevel) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var time = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var message = formatter(state, exception).ReplaceLineEndings(" ");
        var error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
        provider.Write($"{time} {Level(logLevel)} {category}: {message}{error}");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
