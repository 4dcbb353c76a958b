using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cdc.Connector.Tests.Logging;

/// <summary>Runs every log call through a console formatter into a writer, synchronously, as the console logger would.</summary>
internal sealed class FormatterLoggerProvider(ConsoleFormatter formatter, TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new FormattingLogger(formatter, writer, categoryName);

    public void Dispose()
    {
    }
}
