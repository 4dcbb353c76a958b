namespace Cdc.Connector.Configuration;

/// <summary>logging.format: plain (one line per event) or json (one JSON object per event, for log shippers).</summary>
internal enum LogFormat
{
    Plain,
    Json,
}
