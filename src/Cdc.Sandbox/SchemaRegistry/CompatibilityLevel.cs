namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// Confluent's compatibility levels. BACKWARD: the new schema reads data written with the previous one; FORWARD: the
/// previous schema reads data written with the new one; FULL: both. The transitive levels check every earlier
/// version instead of only the latest.
/// </summary>
internal enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
