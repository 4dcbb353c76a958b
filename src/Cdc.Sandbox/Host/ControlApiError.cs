namespace Cdc.Sandbox.Host;

/// <summary>A control request the API refuses: answered with <see cref="Status"/> and <c>{"error": message}</c>.</summary>
internal sealed class ControlApiError : Exception
{
    public ControlApiError()
    {
    }

    public ControlApiError(string message)
        : base(message)
    {
    }

    public ControlApiError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ControlApiError(int status, string message)
        : base(message) => Status = status;

    public int Status { get; } = 400;

    public static ControlApiError BadRequest(string message) => new(400, message);
}
