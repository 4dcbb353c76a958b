using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cdc.Schemas.Bson;

/// <summary>
/// Writes one BSON document into its own growable buffer, back-patching lengths. Array element names are the
/// caller's ("0", "1", …); a document or array started without a name inside an array takes the next index as name.
/// Misuse (unbalanced ends, names containing NUL, lone surrogates, nesting beyond <see cref="BsonLimits.MaxNestingDepth"/>)
/// throws; the half-written document is then unusable until <see cref="Reset"/>.
/// </summary>
internal sealed class BsonWriter
{
    // Strict: a lone surrogate in a .NET string is an error, not a silent U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<OpenDocument> _open = [];
    private byte[] _buffer = new byte[256];
    private int _length;
    private bool _finished;

    /// <summary>Starts the top-level document, or a document as an array element when no name applies.</summary>
    public void WriteStartDocument()
    {
        if (_open.Count == 0)
        {
            if (_finished)
            {
                throw new InvalidOperationException("The top-level document is already complete; call Reset to write another.");
            }

            Open(isArray: false);
            return;
        }

        WriteStartDocument(NextArrayIndexName());
    }

    public void WriteStartDocument(string name)
    {
        WriteElementHeader(BsonType.Document, name);
        Open(isArray: false);
    }

    public void WriteStartArray(string name)
    {
        WriteElementHeader(BsonType.Array, name);
        Open(isArray: true);
    }

    /// <summary>Starts an array as the next element of the enclosing array.</summary>
    public void WriteStartArray() => WriteStartArray(NextArrayIndexName());

    public void WriteEndDocument() => Close(isArray: false);

    public void WriteEndArray() => Close(isArray: true);

    public void WriteString(string name, string value)
    {
        WriteElementHeader(BsonType.String, name);
        WriteStringValue(value);
    }

    public void WriteInt32(string name, int value)
    {
        WriteElementHeader(BsonType.Int32, name);
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
    }

    public void WriteInt64(string name, long value)
    {
        WriteElementHeader(BsonType.Int64, name);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
    }

    public void WriteDouble(string name, double value)
    {
        WriteElementHeader(BsonType.Double, name);
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
    }

    public void WriteBoolean(string name, bool value)
    {
        WriteElementHeader(BsonType.Boolean, name);
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
    }

    public void WriteNull(string name) => WriteElementHeader(BsonType.Null, name);

    public void WriteUndefined(string name) => WriteElementHeader(BsonType.Undefined, name);

    public void WriteMinKey(string name) => WriteElementHeader(BsonType.MinKey, name);

    public void WriteMaxKey(string name) => WriteElementHeader(BsonType.MaxKey, name);

    public void WriteDateTime(string name, long millisecondsSinceEpoch)
    {
        WriteElementHeader(BsonType.DateTime, name);
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), millisecondsSinceEpoch);
    }

    public void WriteTimestamp(string name, BsonTimestamp value)
    {
        WriteElementHeader(BsonType.Timestamp, name);
        var span = Reserve(8);
        BinaryPrimitives.WriteUInt32LittleEndian(span, value.Increment);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], value.Seconds);
    }

    public void WriteObjectId(string name, ReadOnlySpan<byte> id)
    {
        if (id.Length != 12)
        {
            throw new ArgumentException($"An ObjectId is 12 bytes, not {id.Length}.", nameof(id));
        }

        WriteElementHeader(BsonType.ObjectId, name);
        id.CopyTo(Reserve(12));
    }

    /// <summary>Writes binary data; for the deprecated subtype 0x02 the inner length prefix is added here.</summary>
    public void WriteBinary(string name, byte subtype, ReadOnlySpan<byte> data)
    {
        WriteElementHeader(BsonType.Binary, name);
        var oldBinary = subtype == BsonBinarySubtypes.OldBinary;
        var payload = oldBinary ? data.Length + 4 : data.Length;
        var span = Reserve(5 + payload);
        BinaryPrimitives.WriteInt32LittleEndian(span, payload);
        span[4] = subtype;
        if (oldBinary)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[5..], data.Length);
            data.CopyTo(span[9..]);
        }
        else
        {
            data.CopyTo(span[5..]);
        }
    }

    public void WriteDecimal128(string name, Decimal128 value)
    {
        WriteElementHeader(BsonType.Decimal128, name);
        var span = Reserve(16);
        BinaryPrimitives.WriteUInt64LittleEndian(span, value.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], value.High);
    }

    public void WriteRegularExpression(string name, string pattern, string options)
    {
        WriteElementHeader(BsonType.RegularExpression, name);
        WriteCString(pattern, "regular expression pattern");
        WriteCString(options, "regular expression options");
    }

    public void WriteJavaScript(string name, string code)
    {
        WriteElementHeader(BsonType.JavaScript, name);
        WriteStringValue(code);
    }

    public void WriteSymbol(string name, string value)
    {
        WriteElementHeader(BsonType.Symbol, name);
        WriteStringValue(value);
    }

    /// <summary>JavaScript code with a scope; <paramref name="scopeDocument"/> is a complete BSON document.</summary>
    public void WriteJavaScriptWithScope(string name, string code, ReadOnlySpan<byte> scopeDocument)
    {
        WriteElementHeader(BsonType.JavaScriptWithScope, name);
        var start = _length;
        Reserve(4);
        WriteStringValue(code);
        scopeDocument.CopyTo(Reserve(scopeDocument.Length));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _length - start);
    }

    public void WriteDBPointer(string name, string collection, ReadOnlySpan<byte> id)
    {
        if (id.Length != 12)
        {
            throw new ArgumentException($"An ObjectId is 12 bytes, not {id.Length}.", nameof(id));
        }

        WriteElementHeader(BsonType.DBPointer, name);
        WriteStringValue(collection);
        id.CopyTo(Reserve(12));
    }

    /// <summary>Writes an element whose value bytes are already encoded.</summary>
    public void WriteRawValue(string name, BsonType type, ReadOnlySpan<byte> value)
    {
        WriteElementHeader(type, name);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>The bytes written so far (the complete document once the top level is ended).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Reset()
    {
        _open.Clear();
        _length = 0;
        _finished = false;
    }

    private void Open(bool isArray)
    {
        if (_open.Count >= BsonLimits.MaxNestingDepth)
        {
            throw new InvalidOperationException($"Documents nested deeper than {BsonLimits.MaxNestingDepth} levels cannot be written.");
        }

        _open.Add(new OpenDocument(_length, isArray, 0));
        Reserve(4);
    }

    private void Close(bool isArray)
    {
        if (_open.Count == 0)
        {
            throw new InvalidOperationException("There is no open document or array to end.");
        }

        var open = _open[^1];
        if (open.IsArray != isArray)
        {
            throw new InvalidOperationException(open.IsArray ? "The open container is an array: call WriteEndArray." : "The open container is a document: call WriteEndDocument.");
        }

        Reserve(1)[0] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(open.Start), _length - open.Start);
        _open.RemoveAt(_open.Count - 1);
        _finished = _open.Count == 0;
    }

    private string NextArrayIndexName()
    {
        if (_open.Count == 0 || !_open[^1].IsArray)
        {
            throw new InvalidOperationException("An element inside a document needs a name.");
        }

        return _open[^1].Count.ToString(CultureInfo.InvariantCulture);
    }

    private void WriteElementHeader(BsonType type, string name)
    {
        if (_open.Count == 0)
        {
            throw new InvalidOperationException("Call WriteStartDocument before writing elements.");
        }

        var open = _open[^1];
        _open[^1] = open with { Count = open.Count + 1 };
        Reserve(1)[0] = (byte)type;
        WriteCString(name, "element name");
    }

    private void WriteCString(string value, string what)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A BSON {what} cannot contain a NUL character: \"{value.Replace("\0", "\\u0000", StringComparison.Ordinal)}\".");
        }

        var span = Reserve(StrictUtf8.GetMaxByteCount(value.Length) + 1);
        var written = StrictUtf8.GetBytes(value, span);
        span[written] = 0;
        _length -= span.Length - written - 1;
    }

    private void WriteStringValue(string value)
    {
        var span = Reserve(4 + StrictUtf8.GetMaxByteCount(value.Length) + 1);
        var written = StrictUtf8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, written + 1);
        span[4 + written] = 0;
        _length -= span.Length - (4 + written + 1);
    }

    /// <summary>Grows the buffer as needed and claims <paramref name="size"/> bytes at the end.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    private readonly record struct OpenDocument(int Start, bool IsArray, int Count);
}
