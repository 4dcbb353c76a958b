using Cdc.Connector.Checkpoint;
using Cdc.Connector.Configuration;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Source;

/// <summary>STUB (contract): the change stream of the mongodb.* options through libmongoc. Keep the constructor.</summary>
internal sealed class ChangeStreamSource : IChangeStreamSource
{
    private readonly MongoDbOptions _options;
    private readonly ILogger<ChangeStreamSource> _logger;

    public ChangeStreamSource(MongoDbOptions options, ILogger<ChangeStreamSource> logger)
    {
        _options = options;
        _logger = logger;
    }

    public ReadOnlySpan<byte> PostBatchResumeToken => throw new NotImplementedException(_options.Scope);

    public ResumePosition? Open(StartPosition start) => throw new NotImplementedException(start.Reason + _logger);

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
