using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Logging;

/// <summary>
/// The connector's logging: one line per event on stderr (stdout stays free for machine-readable output), UTC
/// timestamps, the level taken from CDC_LOG_LEVEL (Information by default).
/// </summary>
internal static class ConnectorLogging
{
    public static ILoggerFactory CreateConsoleFactory(string? level) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(ParseLevel(level))
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        })
        .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));

    private static LogLevel ParseLevel(string? level) =>
        Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? parsed : LogLevel.Information;
}
