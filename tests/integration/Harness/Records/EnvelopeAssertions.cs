using System.Text;
using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>Checks a decoded Avro envelope (docs/mapping.md, "The value: the envelope") against the event MongoDB reported.</summary>
internal static class EnvelopeAssertions
{
    /// <summary>Every difference between the record and the source event, as sentences (empty when they agree).</summary>
    public static List<string> Differences(SourceEvent expected, DecodedRecord record)
    {
        var problems = new List<string>();
        var value = record.Value!.Value;
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add($"#{expected.Index} {expected.OperationType} {expected.DocumentKey} ({record}): {what}");
            }
        }

        Expect(value.GetProperty("operationType").GetString() == expected.OperationType, $"operationType {value.GetProperty("operationType")}");
        var clusterTime = value.GetProperty("clusterTime");
        Expect(clusterTime.GetProperty("t").GetInt64() == expected.ClusterTimeSeconds && clusterTime.GetProperty("i").GetInt64() == expected.ClusterTimeIncrement, $"clusterTime {clusterTime}, expected {expected.ClusterTimeSeconds}.{expected.ClusterTimeIncrement}");
        var wallTime = value.GetProperty("wallTime");
        Expect(wallTime.ValueKind == JsonValueKind.Null ? expected.WallTimeMs is null : wallTime.GetInt64() == expected.WallTimeMs, $"wallTime {wallTime}, expected {expected.WallTimeMs}");
        var ns = value.GetProperty("ns");
        // An event without ns (invalidate) is published with ns {db: "", coll: null} (docs/mapping.md).
        Expect(ns.ValueKind == JsonValueKind.Object && ns.GetProperty("db").GetString() == (expected.Database ?? string.Empty) && NullableString(ns.GetProperty("coll")) == expected.Collection, $"ns {ns}, expected {(expected.Database is null ? "{db: \"\", coll: null} (no ns)" : expected.Namespace)}");
        Expect(JsonText.Compact(NullableString(value.GetProperty("documentKey"))) == expected.DocumentKey, $"documentKey {value.GetProperty("documentKey")}, expected {expected.DocumentKey}");
        Expect(JsonText.SameContent(NullableString(value.GetProperty("fullDocument")), expected.FullDocument), $"fullDocument {value.GetProperty("fullDocument")}, expected {expected.FullDocument}");
        if (expected.DocumentKey is not null)
        {
            Expect(record.DocumentKey == expected.DocumentKey, $"the Kafka key's documentKey is {record.DocumentKey}");
        }

        Expect(JsonText.SameContent(NullableString(value.GetProperty("operationDescription")), expected.OperationDescription), $"operationDescription {value.GetProperty("operationDescription")}, expected {expected.OperationDescription}");
        var to = value.GetProperty("to");
        Expect(expected.ToDatabase is null ? to.ValueKind == JsonValueKind.Null : to.ValueKind == JsonValueKind.Object && to.GetProperty("db").GetString() == expected.ToDatabase && NullableString(to.GetProperty("coll")) == expected.ToCollection, $"to {to}, expected {expected.ToDatabase}.{expected.ToCollection}");
        var description = value.GetProperty("updateDescription");
        if (expected.UpdateDescription is not { } want)
        {
            Expect(description.ValueKind == JsonValueKind.Null, $"updateDescription {description}, expected null");
        }
        else if (description.ValueKind != JsonValueKind.Object)
        {
            Expect(false, "updateDescription is missing");
        }
        else
        {
            Expect(JsonText.SameContent(description.GetProperty("updatedFields").GetString(), want.GetProperty("updatedFields").GetString()), $"updatedFields {description.GetProperty("updatedFields")}, expected {want.GetProperty("updatedFields")}");
            Expect(Strings(description.GetProperty("removedFields")) == Strings(want.GetProperty("removedFields")), $"removedFields {description.GetProperty("removedFields")}, expected {want.GetProperty("removedFields")}");
            Expect(description.GetProperty("truncatedArrays").GetArrayLength() == want.GetProperty("truncatedArrays").GetArrayLength(), $"truncatedArrays {description.GetProperty("truncatedArrays")}, expected {want.GetProperty("truncatedArrays")}");
        }

        return problems;
    }

    private static string? NullableString(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetString();

    private static string Strings(JsonElement array)
    {
        var text = new StringBuilder();
        foreach (var item in array.EnumerateArray())
        {
            text.Append(item.GetString()).Append('\u0001');
        }

        return text.ToString();
    }
}
