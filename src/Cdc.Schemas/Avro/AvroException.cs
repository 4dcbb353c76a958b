namespace Cdc.Schemas.Avro;

internal sealed class AvroException : Exception
{
    public AvroException(string message)
        : base(message)
    {
    }

    public AvroException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
