using Microsoft.Extensions.Logging;

namespace Cdc.Sandbox.Host;

/// <summary>
/// Logs one line per entry to a writer (stderr for `cdc sandbox`), so stdout carries only the ready line. Lines from
/// different threads never interleave.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimumLevel) : ILoggerProvider
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(this, ShortName(categoryName), minimumLevel);

    public void Dispose()
    {
        lock (_lock)
        {
            writer.Flush();
        }
    }

    internal void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string ShortName(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }
}
