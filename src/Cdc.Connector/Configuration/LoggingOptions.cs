using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Configuration;

/// <summary>The connector's log: minimum level and console format. Logs go to stderr; stdout stays machine-readable.</summary>
internal sealed class LoggingOptions
{
    /// <summary>trace, debug, information, warning, error or critical.</summary>
    public LogLevel Level { get; set; } = LogLevel.Information;

    public LogFormat Format { get; set; } = LogFormat.Plain;
}
