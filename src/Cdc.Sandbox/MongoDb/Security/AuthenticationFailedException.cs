namespace Cdc.Sandbox.MongoDb.Security;

/// <summary>
/// A SASL exchange that cannot succeed. The message says why for whoever debugs the sandbox; the client always gets
/// mongod's "Authentication failed." (code 18), which does not reveal whether the user exists.
/// </summary>
internal sealed class AuthenticationFailedException : Exception
{
    public AuthenticationFailedException()
    {
    }

    public AuthenticationFailedException(string message)
        : base(message)
    {
    }

    public AuthenticationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
