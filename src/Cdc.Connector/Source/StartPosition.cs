namespace Cdc.Connector.Source;

/// <summary>How to open the change stream, decided by <c>Pipeline.StartPositionResolver</c> (checkpoint → startAt → now).</summary>
internal sealed class StartPosition
{
    private StartPosition(StartKind kind, ResumePosition? position, string reason)
    {
        Kind = kind;
        Position = position;
        Reason = reason;
    }

    public StartKind Kind { get; }

    /// <summary>The token (ResumeAfter/StartAfter) or time (AtOperationTime); null for Now.</summary>
    public ResumePosition? Position { get; }

    /// <summary>Why this start was chosen, for the start-up log line ("committed checkpoint of 2026-11-21T…").</summary>
    public string Reason { get; }

    public static StartPosition From(ResumePosition position, string reason) => new(
        position.OperationTime is not null ? StartKind.AtOperationTime
            : position.IsInvalidate ? StartKind.StartAfter
            : StartKind.ResumeAfter,
        position,
        reason);

    public static StartPosition Now(string reason) => new(StartKind.Now, null, reason);
}
