namespace Cdc.Schemas.Bson;

/// <summary>Binary subtypes the code treats specially.</summary>
internal static class BsonBinarySubtypes
{
    public const byte Generic = 0x00;

    /// <summary>Deprecated "old binary": its payload carries a second, inner int32 length.</summary>
    public const byte OldBinary = 0x02;

    public const byte Uuid = 0x04;
}
