namespace Cdc.Integration.Tests;

/// <summary>
/// A crash of the connector as the checker sees it: how many records the reader had when everything published before
/// the crash had arrived, and the token the checkpoint file held at that moment (null: nothing committed yet).
/// When the test knows when the old process was gone (<paramref name="EndedAtMs"/>, Unix ms), records are attributed
/// to runs by their producer timestamp instead: a reader lagging behind under load cannot then blur the boundary.
/// </summary>
internal sealed record CrashPoint(int RecordsBefore, string? CommittedToken, long EndedAtMs = 0);
