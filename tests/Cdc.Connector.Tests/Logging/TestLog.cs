using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Logging;

/// <summary>Source-generated events like the connector's own, so the formatter sees the same structured state.</summary>
internal static partial class TestLog
{
    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Committed {Count} events at {Position} after {Seconds} s (exact: {Exact})")]
    public static partial void Committed(ILogger logger, int count, string position, double seconds, bool exact);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Cycle failed: {Problem}")]
    public static partial void Failed(ILogger logger, Exception exception, string problem);
}
