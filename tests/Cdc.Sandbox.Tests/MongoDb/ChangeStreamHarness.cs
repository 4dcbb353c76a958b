using Cdc.Sandbox.MongoDb.Documents;

namespace Cdc.Sandbox.Tests.MongoDb;

/// <summary>Opens change streams through the real aggregate/getMore commands and reads their events back.</summary>
internal static class ChangeStreamHarness
{
    public static Doc Aggregate(DocValue target, Doc changeStream, params Doc[] laterStages)
    {
        var pipeline = new List<DocValue> { DocValue.FromDocument(new Doc().Add("$changeStream", changeStream)) };
        pipeline.AddRange(laterStages.Select(DocValue.FromDocument));
        return new Doc().Add("aggregate", target).Add("pipeline", DocValue.FromArray(pipeline)).Add("cursor", new Doc());
    }

    public static async Task<(long Id, string Ns)> OpenAsync(CommandHarness harness, Doc changeStream, string database = "test", string? collection = "c", params Doc[] laterStages)
    {
        var target = collection is null ? DocValue.FromInt32(1) : DocValue.FromString(collection);
        var reply = await harness.RunOkAsync(Aggregate(target, changeStream, laterStages), database);
        var cursor = reply["cursor"]!.Document;
        Assert.Empty(cursor["firstBatch"]!.Array);
        Assert.NotNull(cursor["postBatchResumeToken"]);
        return (cursor["id"]!.Int64, cursor["ns"]!.String);
    }

    public static async Task<(List<Doc> Events, Doc Cursor)> GetMoreAsync(CommandHarness harness, (long Id, string Ns) stream, int maxTimeMS = 50)
    {
        var database = stream.Ns[..stream.Ns.IndexOf('.', StringComparison.Ordinal)];
        var collection = stream.Ns[(database.Length + 1)..];
        var reply = await harness.RunAsync(new Doc().Add("getMore", stream.Id).Add("collection", collection).Add("maxTimeMS", maxTimeMS), database);
        if (reply["ok"]!.Double != 1.0)
        {
            throw new InvalidOperationException($"getMore failed: {reply}");
        }

        var cursor = reply["cursor"]!.Document;
        return (cursor["nextBatch"]!.Array.ConvertAll(item => DocCodec.Read(item.Bytes)), cursor);
    }

    public static List<string> Types(List<Doc> events) => events.ConvertAll(change => change["operationType"]!.String);

    public static List<string> Keys(Doc document) => document.Fields.Select(field => field.Key).ToList();
}
