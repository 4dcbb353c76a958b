namespace Cdc.Schemas.Avro;

/// <summary>
/// Avro name rules ([A-Za-z_][A-Za-z0-9_]*) and a deterministic, collision-safe sanitiser for MongoDB names
/// (my-db, a.b, $x, 1x, non-ASCII): distinct inputs give distinct outputs. STUB.
/// </summary>
internal static class AvroNames
{
    public static bool IsValidName(string name) => throw new NotImplementedException(name);

    public static string Sanitize(string name) => throw new NotImplementedException(name);
}
