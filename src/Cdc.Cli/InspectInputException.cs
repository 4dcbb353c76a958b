namespace Cdc.Cli;

/// <summary>The event given to `cdc inspect` could not be read or parsed.</summary>
internal sealed class InspectInputException : Exception
{
    public InspectInputException(string message)
        : base(message)
    {
    }

    public InspectInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
