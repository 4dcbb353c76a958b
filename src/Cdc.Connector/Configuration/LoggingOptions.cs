namespace Cdc.Connector.Configuration;

/// <summary>The connector's log: minimum level and console format. Logs go to stderr; stdout stays machine-readable.</summary>
internal sealed class LoggingOptions
{
    /// <summary>trace, debug, information, warning, error or critical.</summary>
    public string Level { get; set; } = "information";

    public LogFormat Format { get; set; } = LogFormat.Plain;
}
