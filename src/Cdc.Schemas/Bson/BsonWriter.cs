namespace Cdc.Schemas.Bson;

/// <summary>
/// Writes one BSON document into its own growable buffer, back-patching lengths. Array element names are the
/// caller's ("0", "1", …). STUB: signatures are the contract; more methods may be added.
/// </summary>
internal sealed class BsonWriter
{
    /// <summary>Starts the top-level document, or a document as an array element when no name applies.</summary>
    public void WriteStartDocument() => throw new NotImplementedException();

    public void WriteStartDocument(string name) => throw new NotImplementedException(name);

    public void WriteStartArray(string name) => throw new NotImplementedException(name);

    public void WriteEndDocument() => throw new NotImplementedException();

    public void WriteEndArray() => throw new NotImplementedException();

    public void WriteString(string name, string value) => throw new NotImplementedException(name + value);

    public void WriteInt32(string name, int value) => throw new NotImplementedException(name + value);

    public void WriteInt64(string name, long value) => throw new NotImplementedException(name + value);

    public void WriteDouble(string name, double value) => throw new NotImplementedException(name + value);

    public void WriteBoolean(string name, bool value) => throw new NotImplementedException(name + value);

    public void WriteNull(string name) => throw new NotImplementedException(name);

    public void WriteDateTime(string name, long millisecondsSinceEpoch) => throw new NotImplementedException(name + millisecondsSinceEpoch);

    public void WriteTimestamp(string name, BsonTimestamp value) => throw new NotImplementedException(name + value);

    public void WriteObjectId(string name, ReadOnlySpan<byte> id) => throw new NotImplementedException(name + id.Length);

    public void WriteBinary(string name, byte subtype, ReadOnlySpan<byte> data) => throw new NotImplementedException(name + subtype + data.Length);

    public void WriteDecimal128(string name, Decimal128 value) => throw new NotImplementedException(name + value);

    /// <summary>Writes an element whose value bytes are already encoded.</summary>
    public void WriteRawValue(string name, BsonType type, ReadOnlySpan<byte> value) => throw new NotImplementedException(name + type + value.Length);

    /// <summary>The bytes written so far (the complete document once the top level is ended).</summary>
    public ReadOnlySpan<byte> WrittenSpan => throw new NotImplementedException();

    public byte[] ToArray() => throw new NotImplementedException();

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Reset() => throw new NotImplementedException();
}
