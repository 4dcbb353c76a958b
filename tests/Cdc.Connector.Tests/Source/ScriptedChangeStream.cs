using System.Globalization;
using Cdc.Connector.Source;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.Source;

/// <summary>
/// A change stream that plays a script of events and batch ends whose tokens carry real cluster times (_data "82" +
/// seconds + increment, as MongoDB writes them), so the snapshot windows can compare positions with read times.
/// </summary>
internal sealed class ScriptedChangeStream : IChangeStreamSource
{
    private readonly Queue<(ChangeStreamRead Read, byte[] Bytes)> _script = new();
    private byte[] _postBatchToken = [];

    public ReadOnlySpan<byte> PostBatchResumeToken => _postBatchToken;

    public static string Data(uint seconds, uint increment = 1) =>
        "82" + seconds.ToString("X8", CultureInfo.InvariantCulture) + increment.ToString("X8", CultureInfo.InvariantCulture) + "2B0229296E04";

    public static byte[] Token(uint seconds, uint increment = 1) => ExtendedJsonParser.ParseDocument($$"""{ "_data": "{{Data(seconds, increment)}}" }""");

    /// <summary>A change of document <paramref name="id"/> (int32 _id) of shop.<paramref name="collection"/> at cluster time t.</summary>
    public static byte[] Change(uint seconds, int id, string operationType = "update", string collection = "orders") => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(seconds)}}" }, "operationType": "{{operationType}}", "clusterTime": { "$timestamp": { "t": {{seconds}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "{{collection}}" }, "documentKey": { "_id": {{id}} }, "fullDocument": { "_id": {{id}}, "v": {{seconds}} } }
        """);

    public static byte[] Drop(uint seconds, string collection = "orders") => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(seconds)}}" }, "operationType": "drop", "clusterTime": { "$timestamp": { "t": {{seconds}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "{{collection}}" } }
        """);

    public ScriptedChangeStream Event(byte[] changeEvent)
    {
        _script.Enqueue((ChangeStreamRead.Event, changeEvent));
        return this;
    }

    public ScriptedChangeStream BatchEnd(uint seconds)
    {
        _script.Enqueue((ChangeStreamRead.BatchEnd, Token(seconds)));
        return this;
    }

    public ResumePosition? Open(StartPosition start, CancellationToken cancellationToken) => null;

    public ChangeStreamRead Read(out ReadOnlySpan<byte> changeEvent, CancellationToken cancellationToken)
    {
        if (!_script.TryDequeue(out var step))
        {
            throw new InvalidOperationException("The script has no more steps: the source read further than the test expects.");
        }

        changeEvent = step.Read == ChangeStreamRead.Event ? step.Bytes : default;
        if (step.Read == ChangeStreamRead.BatchEnd)
        {
            _postBatchToken = step.Bytes;
        }

        return step.Read;
    }

    public void Dispose()
    {
    }

    /// <summary>The time a token's _data stands for.</summary>
    public static BsonTimestamp TimeOf(ReadOnlySpan<byte> token) =>
        ResumeTokenTime.TryRead(token, out var time) ? time : throw new InvalidOperationException("The token has no time.");
}
