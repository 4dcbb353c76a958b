using System.Text.Json;

namespace Cdc.Integration.Tests;

/// <summary>One change event as MongoDB reported it to the ground-truth watcher (tests/js/it/watch.mjs).</summary>
internal sealed record SourceEvent(
    int Index,
    string Token,
    string OperationType,
    string? Database,
    string? Collection,
    string? DocumentKey,
    int? V,
    long ClusterTimeSeconds,
    long ClusterTimeIncrement,
    long? WallTimeMs,
    string? FullDocument,
    JsonElement? UpdateDescription,
    string? ToDatabase,
    string? ToCollection,
    string? OperationDescription = null)
{
    public string Namespace => Collection is null ? Database ?? string.Empty : $"{Database}.{Collection}";

    public static SourceEvent Parse(int index, JsonElement e)
    {
        var ns = e.GetProperty("ns");
        var to = e.GetProperty("to");
        var clusterTime = e.GetProperty("clusterTime");
        return new SourceEvent(
            index,
            e.GetProperty("token").GetString()!,
            e.GetProperty("operationType").GetString()!,
            ns.ValueKind == JsonValueKind.Null ? null : ns.GetProperty("db").GetString(),
            ns.ValueKind == JsonValueKind.Null ? null : ns.GetProperty("coll").GetString(),
            JsonText.Compact(e.GetProperty("documentKey").GetString()),
            e.GetProperty("v").ValueKind == JsonValueKind.Number ? e.GetProperty("v").GetInt32() : null,
            clusterTime.GetProperty("t").GetInt64(),
            clusterTime.GetProperty("i").GetInt64(),
            e.GetProperty("wallTime").ValueKind == JsonValueKind.Number ? e.GetProperty("wallTime").GetInt64() : null,
            e.GetProperty("fullDocument").GetString(),
            e.GetProperty("updateDescription").ValueKind == JsonValueKind.Null ? null : e.GetProperty("updateDescription").Clone(),
            to.ValueKind == JsonValueKind.Null ? null : to.GetProperty("db").GetString(),
            to.ValueKind == JsonValueKind.Null ? null : to.GetProperty("coll").GetString(),
            e.TryGetProperty("operationDescription", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString() : null);
    }
}
