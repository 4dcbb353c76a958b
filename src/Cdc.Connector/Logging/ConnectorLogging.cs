using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Logging;

/// <summary>
/// The connector's logging: one line per event on stderr (stdout stays free for machine-readable output), UTC
/// timestamps, the level and format from logging.level and logging.format (CDC__LOGGING__LEVEL=debug, …).
/// The MongoDB driver's events reach it through <see cref="MongoDb.MongoDriverLog"/>, subscribed per client.
/// </summary>
internal static class ConnectorLogging
{
    public static ILoggerFactory CreateConsoleFactory(LoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(options.Level);
            if (options.Format == LogFormat.Json)
            {
                logging
                    .AddConsole(console =>
                    {
                        console.FormatterName = JsonLineConsoleFormatter.FormatterName;
                        console.LogToStandardErrorThreshold = LogLevel.Trace;
                    })
                    .AddConsoleFormatter<JsonLineConsoleFormatter, ConsoleFormatterOptions>();
            }
            else
            {
                logging
                    .AddSimpleConsole(console =>
                    {
                        console.SingleLine = true;
                        console.UseUtcTimestamp = true;
                        console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                        console.ColorBehavior = LoggerColorBehavior.Disabled;
                    })
                    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            }
        });
    }
}
