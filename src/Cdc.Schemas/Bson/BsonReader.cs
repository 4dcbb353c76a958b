using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Cdc.Schemas.Bson;

/// <summary>
/// Forward-only reader over the elements of ONE BSON document held in a span. Allocates nothing.
/// The constructor checks the length prefix and the trailing NUL; each MoveNext checks the element it steps over
/// (type byte, NUL-terminated UTF-8 name, value size within bounds, string length prefixes, terminators and UTF-8,
/// boolean values, binary and code-with-scope inner lengths, embedded document envelopes).
/// Embedded documents are read with <see cref="BsonElement.GetDocumentReader"/>, which validates them in turn;
/// <see cref="BsonValidator"/> walks a whole tree.
/// Errors throw <see cref="BsonFormatException"/> naming the absolute offset (baseOffset + position).
/// </summary>
internal ref struct BsonReader
{
    private const int MinimumDocumentLength = 5;
    private const sbyte VariableSize = -1;

    /// <summary>Printable ASCII except '"' and '\\': name bytes that need neither UTF-8 checks nor JSON escapes.</summary>
    private static readonly SearchValues<byte> PlainNameBytes = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>
    /// Value size by type byte for the fixed-size types (0x01 double … 0x13 decimal128), -1 for the rest. Boolean is
    /// listed but still takes the checked path, which rejects bytes other than 0 and 1.
    /// </summary>
    private static ReadOnlySpan<sbyte> FixedSizes => [-1, 8, -1, -1, -1, -1, 0, 12, 1, 8, 0, -1, -1, -1, -1, -1, 4, 8, 8, 16];

    private int _position;
    private BsonElement _current;

    public BsonReader(ReadOnlySpan<byte> document)
        : this(document, 0)
    {
    }

    /// <param name="document">Exactly the document, length prefix included: bytes after its stated length are an error.</param>
    /// <param name="baseOffset">Offset of <paramref name="document"/> inside the outermost document, for error messages.</param>
    public BsonReader(ReadOnlySpan<byte> document, int baseOffset)
    {
        Document = document;
        BaseOffset = baseOffset;
        if (document.Length < 4)
        {
            throw new BsonFormatException(baseOffset, $"only {document.Length} bytes, too short for a document length prefix");
        }

        var declared = BinaryPrimitives.ReadInt32LittleEndian(document);
        if (declared < MinimumDocumentLength)
        {
            throw new BsonFormatException(baseOffset, $"document length prefix {declared} is below the minimum of {MinimumDocumentLength}");
        }

        if (declared > document.Length)
        {
            throw new BsonFormatException(baseOffset, $"document length prefix {declared} runs past the {document.Length} bytes available");
        }

        if (declared < document.Length)
        {
            throw new BsonFormatException(baseOffset + declared, $"document length prefix {declared} leaves {document.Length - declared} unexpected trailing bytes");
        }

        if (document[declared - 1] != 0)
        {
            throw new BsonFormatException(baseOffset + declared - 1, "document does not end with a NUL terminator");
        }

        _position = 4;
        _current = default;
    }

    /// <summary>The document bytes, length prefix and trailing NUL included.</summary>
    public ReadOnlySpan<byte> Document { get; }

    public int BaseOffset { get; }

    /// <summary>The element MoveNext last stepped onto.</summary>
    public readonly BsonElement Current => _current;

    /// <summary>
    /// <see cref="Current"/> by reference, valid until the next MoveNext: per-element hot loops (the Extended JSON
    /// writer) avoid copying the 48-byte element for every value.
    /// </summary>
    [UnscopedRef]
    public readonly ref readonly BsonElement CurrentByRef => ref _current;

    public bool MoveNext()
    {
        var document = Document;
        var terminator = document.Length - 1;
        if (_position >= terminator)
        {
            _position = document.Length;
            return false;
        }

        var elementStart = _position;
        var typeByte = document[elementStart];
        if (typeByte == 0)
        {
            throw EarlyEnd(elementStart);
        }

        var nameStart = elementStart + 1;
        var name = ReadName(nameStart, terminator, out var nameIsPlainAscii);

        var valueStart = nameStart + name.Length + 1;
        var available = terminator - valueStart;
        var type = (BsonType)typeByte;

        // Most elements are fixed-size scalars: a table lookup and one bounds check instead of the full switch.
        var fixedSize = typeByte < FixedSizes.Length ? FixedSizes[typeByte] : VariableSize;
        int size;
        if (fixedSize >= 0 && fixedSize <= available && type != BsonType.Boolean)
        {
            size = fixedSize;
        }
        else
        {
            size = MeasureValue(type, valueStart, available, name);
        }

        _current = new BsonElement
        {
            Type = type,
            Name = name,
            NameIsPlainAscii = nameIsPlainAscii,
            Value = document.Slice(valueStart, size),
            ValueOffset = BaseOffset + valueStart,
        };
        _position = valueStart + size;
        return true;
    }

    /// <summary>
    /// Names are almost always plain ASCII: one vectorised scan for the first byte that is not printable ASCII or is
    /// a quote or backslash finds the terminator and proves the name valid UTF-8 (and free of JSON escapes) at once;
    /// only other names pay for a second scan and a UTF-8 check.
    /// </summary>
    private readonly ReadOnlySpan<byte> ReadName(int nameStart, int terminator, out bool plainAscii)
    {
        var remaining = Document[nameStart..terminator];
        var stop = remaining.IndexOfAnyExcept(PlainNameBytes);
        plainAscii = stop >= 0 && remaining[stop] == 0;
        return plainAscii ? remaining[..stop] : ReadNonAsciiName(nameStart, remaining);
    }

    private readonly ReadOnlySpan<byte> ReadNonAsciiName(int nameStart, ReadOnlySpan<byte> remaining)
    {
        var nameLength = remaining.IndexOf((byte)0);
        if (nameLength < 0)
        {
            throw Fail(nameStart, "element name is not NUL-terminated before the end of the document");
        }

        var name = remaining[..nameLength];
        if (!Utf8.IsValid(name))
        {
            throw Fail(nameStart, "element name is not valid UTF-8");
        }

        return name;
    }

    // The error paths live in separate methods: string interpolation in a hot method makes the JIT zero a large
    // frame on every call, and keeps the method from being inlined.
    private readonly int MeasureValue(BsonType type, int start, int available, ReadOnlySpan<byte> name)
    {
        switch (type)
        {
            case BsonType.Double:
            case BsonType.DateTime:
            case BsonType.Int64:
            case BsonType.Timestamp:
                return RequireFixed(type, start, available, 8, name);
            case BsonType.Int32:
                return RequireFixed(type, start, available, 4, name);
            case BsonType.Decimal128:
                return RequireFixed(type, start, available, 16, name);
            case BsonType.ObjectId:
                return RequireFixed(type, start, available, 12, name);
            case BsonType.Boolean:
                RequireFixed(type, start, available, 1, name);
                if (Document[start] > 1)
                {
                    throw BadBoolean(start, name);
                }

                return 1;
            case BsonType.Null:
            case BsonType.Undefined:
            case BsonType.MinKey:
            case BsonType.MaxKey:
                return 0;
            case BsonType.String:
            case BsonType.JavaScript:
            case BsonType.Symbol:
                return MeasureString(start, available, name);
            case BsonType.Document:
            case BsonType.Array:
                return MeasureDocument(start, available, name);
            case BsonType.Binary:
                return MeasureBinary(start, available, name);
            case BsonType.RegularExpression:
                {
                    var pattern = MeasureCString(start, available, name, "regular expression pattern");
                    var options = MeasureCString(start + pattern, available - pattern, name, "regular expression options");
                    return pattern + options;
                }

            case BsonType.DBPointer:
                {
                    var reference = MeasureString(start, available, name);
                    RequireFixed(type, start + reference, available - reference, 12, name);
                    return reference + 12;
                }

            case BsonType.JavaScriptWithScope:
                return MeasureCodeWithScope(start, available, name);
            default:
                throw UnknownType(start - name.Length - 2, type, name);
        }
    }

    private readonly int RequireFixed(BsonType type, int start, int available, int size, ReadOnlySpan<byte> name)
    {
        if (available < size)
        {
            throw TooShort(start, type, size, available, name);
        }

        return size;
    }

    /// <summary>Checks a length-prefixed, NUL-terminated UTF-8 string and returns its total size (prefix included).</summary>
    private readonly int MeasureString(int start, int available, ReadOnlySpan<byte> name)
    {
        var length = available < 4 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(Document.Slice(start, 4));
        if (length < 1 || length > available - 4 || Document[start + 4 + length - 1] != 0)
        {
            throw BadStringFraming(start, length, available, name);
        }

        if (!Utf8.IsValid(Document.Slice(start + 4, length - 1)))
        {
            throw InvalidStringUtf8(start, name);
        }

        return 4 + length;
    }

    private readonly BsonFormatException BadStringFraming(int start, int length, int available, ReadOnlySpan<byte> name)
    {
        if (available < 4)
        {
            return Fail(start, $"string '{Describe(name)}' is cut off before its length prefix");
        }

        if (length < 1)
        {
            return Fail(start, $"string '{Describe(name)}' has length {length}; it must be at least 1 (the NUL terminator)");
        }

        if (length > available - 4)
        {
            return Fail(start, $"string '{Describe(name)}' has length {length} but only {available - 4} bytes remain before the end of the document");
        }

        var terminatorIndex = start + 4 + length - 1;
        return Fail(terminatorIndex, $"string '{Describe(name)}' is not NUL-terminated at the end of its stated length {length}");
    }

    private readonly BsonFormatException InvalidStringUtf8(int start, ReadOnlySpan<byte> name) =>
        Fail(start + 4, $"string '{Describe(name)}' is not valid UTF-8");

    private readonly BsonFormatException EarlyEnd(int elementStart) =>
        Fail(elementStart, $"end-of-document marker at position {elementStart} but the document length prefix says {Document.Length}");

    private readonly BsonFormatException BadBoolean(int start, ReadOnlySpan<byte> name) =>
        Fail(start, $"boolean '{Describe(name)}' has byte 0x{Document[start]:X2}; only 0x00 and 0x01 are allowed");

    private readonly BsonFormatException UnknownType(int position, BsonType type, ReadOnlySpan<byte> name) =>
        Fail(position, $"unknown element type 0x{(byte)type:X2} for element '{Describe(name)}'");

    private readonly BsonFormatException TooShort(int start, BsonType type, int size, int available, ReadOnlySpan<byte> name) =>
        Fail(start, $"{type} '{Describe(name)}' needs {size} bytes but only {Math.Max(available, 0)} remain before the end of the document");

    private readonly int MeasureCString(int start, int available, ReadOnlySpan<byte> name, string what)
    {
        var length = available <= 0 ? -1 : Document.Slice(start, available).IndexOf((byte)0);
        if (length < 0)
        {
            throw Fail(start, $"{what} of '{Describe(name)}' is not NUL-terminated before the end of the document");
        }

        if (!Utf8.IsValid(Document.Slice(start, length)))
        {
            throw Fail(start, $"{what} of '{Describe(name)}' is not valid UTF-8");
        }

        return length + 1;
    }

    private readonly int MeasureDocument(int start, int available, ReadOnlySpan<byte> name)
    {
        var length = available < 4 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(Document.Slice(start, 4));
        if (length < MinimumDocumentLength || length > available || Document[start + length - 1] != 0)
        {
            throw BadDocumentFraming(start, length, available, name);
        }

        return length;
    }

    private readonly BsonFormatException BadDocumentFraming(int start, int length, int available, ReadOnlySpan<byte> name)
    {
        if (available < 4)
        {
            return Fail(start, $"embedded document '{Describe(name)}' is cut off before its length prefix");
        }

        if (length < MinimumDocumentLength)
        {
            return Fail(start, $"embedded document '{Describe(name)}' has length {length}, below the minimum of {MinimumDocumentLength}");
        }

        if (length > available)
        {
            return Fail(start, $"embedded document '{Describe(name)}' has length {length} but only {available} bytes remain before the end of the enclosing document");
        }

        return Fail(start + length - 1, $"embedded document '{Describe(name)}' does not end with a NUL terminator at its stated length {length}");
    }

    private readonly int MeasureBinary(int start, int available, ReadOnlySpan<byte> name)
    {
        if (available < 5)
        {
            throw Fail(start, $"binary '{Describe(name)}' is cut off before its length prefix and subtype");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(Document.Slice(start, 4));
        if (length < 0)
        {
            throw Fail(start, $"binary '{Describe(name)}' has negative length {length}");
        }

        if (length > available - 5)
        {
            throw Fail(start, $"binary '{Describe(name)}' has length {length} but only {available - 5} bytes remain before the end of the document");
        }

        if (Document[start + 4] == BsonBinarySubtypes.OldBinary)
        {
            if (length < 4)
            {
                throw Fail(start, $"binary '{Describe(name)}' of subtype 0x02 has length {length}, too short for its inner length prefix");
            }

            var inner = BinaryPrimitives.ReadInt32LittleEndian(Document.Slice(start + 5, 4));
            if (inner != length - 4)
            {
                throw Fail(start + 5, $"binary '{Describe(name)}' of subtype 0x02 has inner length {inner}; expected {length - 4} (outer length {length} minus 4)");
            }
        }

        return 5 + length;
    }

    private readonly int MeasureCodeWithScope(int start, int available, ReadOnlySpan<byte> name)
    {
        // Smallest possible: total length (4) + empty string (4 + 1) + empty document (5).
        const int MinimumSize = 14;
        if (available < 4)
        {
            throw Fail(start, $"code with scope '{Describe(name)}' is cut off before its length prefix");
        }

        var total = BinaryPrimitives.ReadInt32LittleEndian(Document.Slice(start, 4));
        if (total < MinimumSize)
        {
            throw Fail(start, $"code with scope '{Describe(name)}' has length {total}, below the minimum of {MinimumSize}");
        }

        if (total > available)
        {
            throw Fail(start, $"code with scope '{Describe(name)}' has length {total} but only {available} bytes remain before the end of the document");
        }

        var code = MeasureString(start + 4, total - 4, name);
        var scope = MeasureDocument(start + 4 + code, total - 4 - code, name);
        if (4 + code + scope != total)
        {
            throw Fail(start, $"code with scope '{Describe(name)}' has length {total} but its code and scope take {4 + code + scope}");
        }

        return total;
    }

    private readonly BsonFormatException Fail(int position, string problem) => new(BaseOffset + position, problem);

    private static string Describe(ReadOnlySpan<byte> name) => Encoding.UTF8.GetString(name);
}
