namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Parses MongoDB Extended JSON v2 (canonical or relaxed, and the legacy forms the BSON corpus accepts)
/// into BSON document bytes. Invalid input throws <see cref="ExtendedJsonException"/>. STUB: signatures are the contract.
/// </summary>
internal static class ExtendedJsonParser
{
    public static byte[] ParseDocument(ReadOnlySpan<byte> utf8Json) => throw new NotImplementedException($"{utf8Json.Length}");

    public static byte[] ParseDocument(string json) => throw new NotImplementedException(json);
}
