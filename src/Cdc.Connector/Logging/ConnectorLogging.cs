using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Logging;

/// <summary>
/// The connector's logging: one line per event on stderr (stdout stays free for machine-readable output), UTC
/// timestamps, the level and format from logging.level and logging.format (CDC__LOGGING__LEVEL=debug, …).
/// </summary>
internal static class ConnectorLogging
{
    public static ILoggerFactory CreateConsoleFactory(LoggingOptions options) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(ParseLevel(options.Level))
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
