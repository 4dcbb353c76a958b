using Cdc.Schemas.Avro;

namespace Cdc.Sandbox.SchemaRegistry;

/// <summary>
/// Applies a <see cref="CompatibilityLevel"/> to a candidate schema and a subject's existing versions (oldest first):
/// the non-transitive levels look at the latest version only, the transitive ones at all of them.
/// </summary>
internal static class SchemaCompatibility
{
    /// <summary>Why <paramref name="candidate"/> breaks <paramref name="level"/>; empty when it is compatible.</summary>
    public static IReadOnlyList<string> Check(CompatibilityLevel level, AvroSchema candidate, IReadOnlyList<(int Version, AvroSchema Schema)> existing)
    {
        if (level == CompatibilityLevel.None || existing.Count == 0)
        {
            return [];
        }

        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var problems = new List<string>();
        for (var i = transitive ? 0 : existing.Count - 1; i < existing.Count; i++)
        {
            var (version, schema) = existing[i];
            if (backward)
            {
                foreach (var problem in AvroResolutionChecker.Check(reader: candidate, writer: schema))
                {
                    problems.Add($"BACKWARD against version {version}: the new schema cannot read data written with it: {problem}");
                }
            }

            if (forward)
            {
                foreach (var problem in AvroResolutionChecker.Check(reader: schema, writer: candidate))
                {
                    problems.Add($"FORWARD against version {version}: it cannot read data written with the new schema: {problem}");
                }
            }
        }

        return problems;
    }
}
