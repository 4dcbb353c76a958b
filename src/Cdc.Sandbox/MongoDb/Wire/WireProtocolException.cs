namespace Cdc.Sandbox.MongoDb.Wire;

/// <summary>A message that breaks the wire protocol; the connection answers with the message and then closes.</summary>
internal sealed class WireProtocolException : Exception
{
    public WireProtocolException(string message)
        : base(message)
    {
    }

    public WireProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WireProtocolException()
    {
    }
}
