namespace Cdc.Connector.Sink;

/// <summary>
/// The Schema Registry refused a schema for good (4xx: incompatible, invalid, unauthorised): retrying cannot help, the
/// connector stops. The message names the subject, the status, the registry's error_code and the fix.
/// </summary>
internal sealed class SchemaIdRegistrationException : Exception
{
    public SchemaIdRegistrationException()
        : base("The Schema Registry rejected a schema.")
    {
    }

    public SchemaIdRegistrationException(string message)
        : base(message)
    {
    }

    public SchemaIdRegistrationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
