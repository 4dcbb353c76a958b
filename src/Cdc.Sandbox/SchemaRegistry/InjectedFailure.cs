namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>The answer a faulted request gets: an HTTP status with Confluent's error body.</summary>
internal sealed record InjectedFailure(int HttpStatus, int ErrorCode, string Message)
{
    /// <summary>50001: the registry's backing store failed.</summary>
    public static InjectedFailure StoreError { get; } = new(500, 50001, "Error in the backend data store (injected by the sandbox).");

    /// <summary>50002: an operation timed out.</summary>
    public static InjectedFailure OperationTimeout { get; } = new(500, 50002, "Operation timed out (injected by the sandbox).");

    /// <summary>50003: forwarding to the leader failed.</summary>
    public static InjectedFailure ForwardingError { get; } = new(500, 50003, "Error while forwarding the request to the primary (injected by the sandbox).");

    /// <summary>503 with no registry code, as a proxy or an unready instance answers.</summary>
    public static InjectedFailure Unavailable { get; } = new(503, 50301, "Service unavailable (injected by the sandbox).");
}
