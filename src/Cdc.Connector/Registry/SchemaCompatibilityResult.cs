namespace Cdc.Connector.Registry;

/// <summary>The registry's answer to a compatibility test: whether the schema would be accepted, and why not (verbose messages).</summary>
internal sealed record SchemaCompatibilityResult(bool IsCompatible, IReadOnlyList<string> Messages);
