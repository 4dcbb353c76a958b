namespace Cdc.Schemas.Registry;

/// <summary>
/// A Schema Registry request failed. <see cref="StatusCode"/> is the HTTP status (null when no URL answered) and
/// <see cref="ErrorCode"/> the registry's <c>error_code</c> (40401 subject not found, 40403 schema not found, 409
/// incompatible, 42201 invalid schema, 40101 unauthorised…) when the body carried one. Messages never hold credentials.
/// </summary>
internal sealed class SchemaRegistryException : Exception
{
    public SchemaRegistryException(string message, int? statusCode, int? errorCode, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    public SchemaRegistryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SchemaRegistryException()
    {
    }

    public int? StatusCode { get; }

    public int? ErrorCode { get; }
}
