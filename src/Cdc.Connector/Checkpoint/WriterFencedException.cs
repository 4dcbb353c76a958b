namespace Cdc.Connector.Checkpoint;

/// <summary>
/// Another instance of the pipeline took over its checkpoint: this one may never write it again, so it must stop
/// rather than retry (a retry would move the checkpoint back under the new writer).
/// </summary>
internal sealed class WriterFencedException : Exception
{
    public WriterFencedException()
        : base("Another instance of this pipeline took over its checkpoint.")
    {
    }

    public WriterFencedException(string message)
        : base(message)
    {
    }

    public WriterFencedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
