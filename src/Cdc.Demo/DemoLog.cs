using Microsoft.Extensions.Logging;

namespace Cdc.Demo;

/// <summary>The demo's own log messages (event ids 9000–9099), shown in the view's log panel.</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 9001, Message = "consumer {Facility}: {Text}")]
    public static partial void ConsumerLibraryLog(ILogger logger, LogLevel level, string facility, string text);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "consumer: {Reason}")]
    public static partial void ConsumerError(ILogger logger, string reason);
}
