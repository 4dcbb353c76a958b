namespace Cdc.Demo;

/// <summary>A part of the demo could not start; the message is one sentence for the user (e.g. which package to install).</summary>
internal sealed class DemoStartException : Exception
{
    public DemoStartException(string message)
        : base(message)
    {
    }

    public DemoStartException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
