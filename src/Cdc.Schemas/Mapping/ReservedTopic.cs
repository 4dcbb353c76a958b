namespace Cdc.Schemas.Mapping;

/// <summary>
/// A topic the connector writes records of another kind to (checkpoints, dead letters), so no namespace may be routed
/// there: a consumer of change records would misread them, and the checkpoint store would read change records as
/// checkpoints.
/// </summary>
/// <param name="Topic">The topic's name.</param>
/// <param name="Key">The configuration key that names it, e.g. <c>checkpoint.topic</c>.</param>
/// <param name="Holds">Why change records must not go there, as a clause (no capital, no full stop).</param>
/// <param name="Rename">How to give it another name, as a clause: the fix when a namespace's topic collides with it.</param>
internal sealed record ReservedTopic(string Topic, string Key, string Holds, string Rename);
