using System.Buffers.Binary;

namespace Cdc.Schemas.Bson;

/// <summary>
/// One element of a BSON document: its type, its UTF-8 name and its raw value bytes, all spans into the document.
/// The Get* accessors decode the value; calling one that does not match <see cref="Type"/> throws InvalidOperationException.
/// The reader that produced the element has already checked the value's framing, so the accessors only slice.
/// </summary>
internal readonly ref struct BsonElement
{
    public BsonType Type { get; init; }

    /// <summary>The element name as UTF-8, without its NUL terminator.</summary>
    public ReadOnlySpan<byte> Name { get; init; }

    /// <summary>The raw value bytes (for a string: length prefix, bytes, NUL; for a document: the whole document).</summary>
    public ReadOnlySpan<byte> Value { get; init; }

    /// <summary>
    /// True when the reader found the name to be printable ASCII without '"' or '\' (almost every name is), so a
    /// JSON writer can copy it without scanning it again for bytes to escape. False says nothing either way.
    /// </summary>
    public bool NameIsPlainAscii { get; init; }

    /// <summary>Absolute offset of <see cref="Value"/> in the outermost document.</summary>
    public int ValueOffset { get; init; }

    public bool NameEquals(ReadOnlySpan<byte> utf8Name) => Name.SequenceEqual(utf8Name);

    public double GetDouble()
    {
        Expect(BsonType.Double);
        return BinaryPrimitives.ReadDoubleLittleEndian(Value);
    }

    public int GetInt32()
    {
        Expect(BsonType.Int32);
        return BinaryPrimitives.ReadInt32LittleEndian(Value);
    }

    public long GetInt64()
    {
        Expect(BsonType.Int64);
        return BinaryPrimitives.ReadInt64LittleEndian(Value);
    }

    public bool GetBoolean()
    {
        Expect(BsonType.Boolean);
        return Value[0] != 0;
    }

    /// <summary>UTC milliseconds since the Unix epoch.</summary>
    public long GetDateTime()
    {
        Expect(BsonType.DateTime);
        return BinaryPrimitives.ReadInt64LittleEndian(Value);
    }

    public BsonTimestamp GetTimestamp()
    {
        Expect(BsonType.Timestamp);
        return new BsonTimestamp(
            Seconds: BinaryPrimitives.ReadUInt32LittleEndian(Value[4..]),
            Increment: BinaryPrimitives.ReadUInt32LittleEndian(Value));
    }

    public Decimal128 GetDecimal128()
    {
        Expect(BsonType.Decimal128);
        return new Decimal128(
            Low: BinaryPrimitives.ReadUInt64LittleEndian(Value),
            High: BinaryPrimitives.ReadUInt64LittleEndian(Value[8..]));
    }

    /// <summary>String, Symbol or JavaScript value as UTF-8, without length prefix or NUL.</summary>
    public ReadOnlySpan<byte> GetStringUtf8()
    {
        if (Type is not (BsonType.String or BsonType.Symbol or BsonType.JavaScript))
        {
            throw WrongType("String, Symbol or JavaScript");
        }

        return Value[4..^1];
    }

    /// <summary>The 12 ObjectId bytes.</summary>
    public ReadOnlySpan<byte> GetObjectId()
    {
        Expect(BsonType.ObjectId);
        return Value;
    }

    /// <summary>The binary payload; for the deprecated subtype 0x02 the inner length prefix is stripped.</summary>
    public ReadOnlySpan<byte> GetBinary(out byte subtype)
    {
        Expect(BsonType.Binary);
        subtype = Value[4];
        return subtype == BsonBinarySubtypes.OldBinary ? Value[9..] : Value[5..];
    }

    /// <summary>The pattern (returned) and the options, both UTF-8 without their NUL terminators.</summary>
    public ReadOnlySpan<byte> GetRegularExpression(out ReadOnlySpan<byte> options)
    {
        Expect(BsonType.RegularExpression);
        var patternLength = Value.IndexOf((byte)0);
        options = Value[(patternLength + 1)..^1];
        return Value[..patternLength];
    }

    /// <summary>The collection name (returned, UTF-8) and the 12 ObjectId bytes of a deprecated DBPointer.</summary>
    public ReadOnlySpan<byte> GetDBPointer(out ReadOnlySpan<byte> objectId)
    {
        Expect(BsonType.DBPointer);
        objectId = Value[^12..];
        return Value[4..^13];
    }

    /// <summary>The code (returned, UTF-8) and a reader over the scope document of a JavaScript-with-scope value.</summary>
    public ReadOnlySpan<byte> GetJavaScriptWithScope(out BsonReader scope)
    {
        Expect(BsonType.JavaScriptWithScope);
        var codeLength = BinaryPrimitives.ReadInt32LittleEndian(Value[4..]);
        var scopeStart = 8 + codeLength;
        scope = new BsonReader(Value[scopeStart..], ValueOffset + scopeStart);
        return Value.Slice(8, codeLength - 1);
    }

    /// <summary>Reader over an embedded Document or Array value.</summary>
    public BsonReader GetDocumentReader()
    {
        if (Type is not (BsonType.Document or BsonType.Array))
        {
            throw WrongType("Document or Array");
        }

        return new BsonReader(Value, ValueOffset);
    }

    private void Expect(BsonType expected)
    {
        if (Type != expected)
        {
            throw WrongType(expected.ToString());
        }
    }

    private InvalidOperationException WrongType(string expected) =>
        new($"BSON element '{System.Text.Encoding.UTF8.GetString(Name)}' is {Type}, not {expected}.");
}
