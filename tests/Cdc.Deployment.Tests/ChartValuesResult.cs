using System.Text.Json.Nodes;

namespace Cdc.Deployment.Tests;

/// <summary>One case's outcome: whether the coalesced values pass the schema, ajv's errors, and the values themselves.</summary>
internal sealed record ChartValuesResult(string Name, bool Valid, IReadOnlyList<string> Errors, JsonObject Values);
