using System.Globalization;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Connector.Tests.Pipeline;

/// <summary>Change events as MongoDB sends them, built from Extended JSON; token n has _data "82" + n in hex.</summary>
internal static class ChangeEvents
{
    public static string Data(int n) => "82" + n.ToString("X8", CultureInfo.InvariantCulture);

    public static byte[] Token(int n) => ExtendedJsonParser.ParseDocument($$"""{ "_data": "{{Data(n)}}" }""");

    public static byte[] Insert(int n, string coll = "orders") => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "insert", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "{{coll}}" }, "documentKey": { "_id": {{n}} }, "fullDocument": { "_id": {{n}}, "qty": {{n * 2}} } }
        """);

    public static byte[] InsertWithNote(int n, string note) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "insert", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": {{n}} }, "fullDocument": { "_id": {{n}}, "qty": {{n * 2}}, "note": "{{note}}" } }
        """);

    /// <summary>An update as the stream gives it when its document is gone (updateLookup after a delete): no fullDocument.</summary>
    public static byte[] UpdateWithoutDocument(int n) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "update", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": {{n}} }, "fullDocument": null,
          "updateDescription": { "updatedFields": { "qty": 1 }, "removedFields": [], "truncatedArrays": [] } }
        """);

    public static byte[] Delete(int n) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "delete", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": {{n}} } }
        """);

    public static byte[] Drop(int n) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "drop", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" } }
        """);

    public static byte[] Invalidate(int n) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "invalidate", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } } }
        """);

    /// <summary>An event the mapper rejects: updateDescription.truncatedArrays is not an array.</summary>
    public static byte[] Unmappable(int n) => ExtendedJsonParser.ParseDocument($$"""
        { "_id": { "_data": "{{Data(n)}}" }, "operationType": "update", "clusterTime": { "$timestamp": { "t": {{n}}, "i": 1 } },
          "ns": { "db": "shop", "coll": "orders" }, "documentKey": { "_id": {{n}} },
          "updateDescription": { "updatedFields": { "a": 1 }, "removedFields": [], "truncatedArrays": "oops" } }
        """);
}
