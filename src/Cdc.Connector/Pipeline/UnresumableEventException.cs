namespace Cdc.Connector.Pipeline;

/// <summary>A change event the pipeline cannot track (no resume token): the connector must stop.</summary>
internal sealed class UnresumableEventException : Exception
{
    public UnresumableEventException()
        : base("A change event has no resume token.")
    {
    }

    public UnresumableEventException(string message)
        : base(message)
    {
    }

    public UnresumableEventException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
