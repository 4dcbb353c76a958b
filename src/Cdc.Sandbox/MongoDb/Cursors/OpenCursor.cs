using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>
/// What <c>$currentOp</c> reports about one open cursor, copied out of the registry: the command that opened it (as the
/// server received it), its dates and counters, and the getMore running on it right now (null while it is idle).
/// </summary>
internal sealed record OpenCursor(
    IServerCursor Cursor,
    Doc OriginatingCommand,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastAccessDate,
    long DocumentsReturned,
    long BatchesReturned,
    Doc? RunningGetMore,
    int RunningOnConnection);
