using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Interop.Mongoc;

/// <summary>One logger receiving libmongoc's messages; disposing it stops the delivery (see <see cref="MongocLog.AddSink"/>).</summary>
internal sealed class MongocLogRoute : IDisposable
{
    private readonly ILogger _logger;

    public MongocLogRoute(ILogger logger) => _logger = logger;

    public void Dispose() => MongocLog.RemoveSink(_logger);
}
