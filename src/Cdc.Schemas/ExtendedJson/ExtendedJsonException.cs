namespace Cdc.Schemas.ExtendedJson;

/// <summary>Text that is not valid MongoDB Extended JSON v2 (or that holds values BSON cannot represent).</summary>
internal sealed class ExtendedJsonException : FormatException
{
    public ExtendedJsonException(string message)
        : base(message)
    {
    }

    public ExtendedJsonException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
