using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Cdc.Demo;

/// <summary>One category's logger into the <see cref="LogRing"/>: "HH:mm:ss LEVEL Category: message", exceptions as their message only.</summary>
internal sealed class RingLogger(LogRing ring, string category, TimeProvider time) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message += " (" + exception.Message + ")";
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():HH:mm:ss} {Level(logLevel)} {category}: {message.ReplaceLineEndings(" ")}");
        ring.Add(line, logLevel == LogLevel.Warning, logLevel >= LogLevel.Error);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRIT",
        _ => level.ToString(),
    };
}
