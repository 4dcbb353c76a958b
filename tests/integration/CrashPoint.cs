namespace Cdc.Integration.Tests;

/// <summary>
/// A crash of the connector as the checker sees it: how many records the reader had when everything published before
/// the crash had arrived, and the token the checkpoint file held at that moment (null: nothing committed yet).
/// </summary>
internal sealed record CrashPoint(int RecordsBefore, string? CommittedToken);
