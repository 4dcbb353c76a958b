namespace Cdc.Connector.Checkpoint;

/// <summary>A checkpoint store could not be read or written, or holds something that is not a checkpoint.</summary>
internal sealed class CheckpointStoreException : Exception
{
    public CheckpointStoreException()
        : base("The checkpoint store failed.")
    {
    }

    public CheckpointStoreException(string message)
        : base(message)
    {
    }

    public CheckpointStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
