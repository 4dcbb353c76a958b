namespace Cdc.Connector.Source;

internal enum StartKind
{
    /// <summary>resumeAfter: a token of an ordinary event or a postBatchResumeToken.</summary>
    ResumeAfter,

    /// <summary>startAfter: an invalidate event's token (resumeAfter rejects those).</summary>
    StartAfter,

    /// <summary>startAtOperationTime, inclusive.</summary>
    AtOperationTime,

    /// <summary>The server's current operation time, captured and then used as startAtOperationTime.</summary>
    Now,
}
