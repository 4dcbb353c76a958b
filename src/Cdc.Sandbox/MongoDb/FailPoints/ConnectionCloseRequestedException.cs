namespace Cdc.Sandbox.MongoDb.FailPoints;

/// <summary>Thrown when failCommand's closeConnection fires: the connection is closed without any reply, as mongod does.</summary>
internal sealed class ConnectionCloseRequestedException : Exception
{
    public ConnectionCloseRequestedException()
        : base("failCommand fail point: closeConnection")
    {
    }

    public ConnectionCloseRequestedException(string message)
        : base(message)
    {
    }

    public ConnectionCloseRequestedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
