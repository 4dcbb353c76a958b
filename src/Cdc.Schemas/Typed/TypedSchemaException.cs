namespace Cdc.Schemas.Typed;

/// <summary>
/// A schema that the typed-value conventions cannot produce, accept or widen, or a document that no schema of these
/// conventions can represent. The message names the schema path or field, what is wrong and what to do.
/// </summary>
internal sealed class TypedSchemaException : Exception
{
    public TypedSchemaException(string message)
        : base(message)
    {
    }

    public TypedSchemaException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
