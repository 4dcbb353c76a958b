namespace Cdc.Schemas.Bson;

/// <summary>
/// One element of a BSON document: its type, its UTF-8 name and its raw value bytes, all spans into the document.
/// The Get* accessors decode the value; calling one that does not match <see cref="Type"/> throws InvalidOperationException.
/// STUB: signatures are the contract; the implementation arrives with the BSON work.
/// </summary>
internal readonly ref struct BsonElement
{
    public BsonType Type { get; init; }

    /// <summary>The element name as UTF-8, without its NUL terminator.</summary>
    public ReadOnlySpan<byte> Name { get; init; }

    /// <summary>The raw value bytes (for a string: length prefix, bytes, NUL; for a document: the whole document).</summary>
    public ReadOnlySpan<byte> Value { get; init; }

    /// <summary>Absolute offset of <see cref="Value"/> in the outermost document.</summary>
    public int ValueOffset { get; init; }

    public bool NameEquals(ReadOnlySpan<byte> utf8Name) => Name.SequenceEqual(utf8Name);

    public double GetDouble() => throw new NotImplementedException();

    public int GetInt32() => throw new NotImplementedException();

    public long GetInt64() => throw new NotImplementedException();

    public bool GetBoolean() => throw new NotImplementedException();

    /// <summary>UTC milliseconds since the Unix epoch.</summary>
    public long GetDateTime() => throw new NotImplementedException();

    public BsonTimestamp GetTimestamp() => throw new NotImplementedException();

    /// <summary>String, Symbol or JavaScript value as UTF-8, without length prefix or NUL.</summary>
    public ReadOnlySpan<byte> GetStringUtf8() => throw new NotImplementedException();

    /// <summary>The 12 ObjectId bytes.</summary>
    public ReadOnlySpan<byte> GetObjectId() => throw new NotImplementedException();

    public ReadOnlySpan<byte> GetBinary(out byte subtype) => throw new NotImplementedException();

    /// <summary>Reader over an embedded Document or Array value.</summary>
    public BsonReader GetDocumentReader() => throw new NotImplementedException();
}
