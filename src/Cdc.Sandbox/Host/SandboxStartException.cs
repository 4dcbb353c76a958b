namespace Cdc.Sandbox.Host;

/// <summary>A stand-in could not start (e.g. its port is taken); the message names the stand-in and the cause.</summary>
internal sealed class SandboxStartException : Exception
{
    public SandboxStartException()
    {
    }

    public SandboxStartException(string message)
        : base(message)
    {
    }

    public SandboxStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
