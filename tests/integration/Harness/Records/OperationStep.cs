using System.Text.Json.Nodes;

namespace Cdc.Integration.Tests;

/// <summary>One step for tests/js/it/operations.mjs: {"op": "insert", "coll": "c", …fields}.</summary>
internal static class OperationStep
{
    public static JsonObject Op(string op, string? collection, params (string Name, JsonNode Value)[] fields)
    {
        var step = new JsonObject { ["op"] = op };
        if (collection is not null)
        {
            step["coll"] = collection;
        }

        foreach (var (name, value) in fields)
        {
            step[name] = value;
        }

        return step;
    }
}
