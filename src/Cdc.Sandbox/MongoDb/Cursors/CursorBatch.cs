using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.MongoDb.Cursors;

/// <summary>One batch: serialized documents, and for change streams the resume token after the batch.</summary>
internal sealed record CursorBatch(IReadOnlyList<byte[]> Documents, Doc? PostBatchResumeToken);
