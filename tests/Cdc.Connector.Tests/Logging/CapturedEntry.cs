using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Tests.Logging;

internal sealed record CapturedEntry(string Category, LogLevel Level, EventId EventId, string Message);
