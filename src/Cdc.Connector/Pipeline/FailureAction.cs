namespace Cdc.Connector.Pipeline;

/// <summary>What the runner does after a failed cycle.</summary>
internal enum FailureAction
{
    /// <summary>Reopen from the last committed checkpoint after a backoff.</summary>
    RestartFromCheckpoint,

    /// <summary>The position is gone and mongodb.onHistoryLost=restartFromNow: reopen from now, loudly.</summary>
    RestartFromNow,

    /// <summary>The position is gone and snapshot.mode=whenNeeded: reopen from now and snapshot every collection again, loudly.</summary>
    RestartWithSnapshot,

    /// <summary>Retrying cannot help: stop with exit code 1.</summary>
    Stop,
}
