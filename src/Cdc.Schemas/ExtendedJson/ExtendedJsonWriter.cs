using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Cdc.Schemas.Bson;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Writes BSON as MongoDB Extended JSON v2, compact UTF-8 (no whitespace), straight from the BSON bytes.
/// Malformed BSON throws <see cref="BsonFormatException"/> (the whole tree is walked, so nothing malformed slips
/// through); the output then holds an unspecified prefix of the document. Allocates nothing per value.
/// </summary>
internal static class ExtendedJsonWriter
{
    /// <summary>Writes a whole document (length prefix included) as a JSON object.</summary>
    public static void WriteDocument(ReadOnlySpan<byte> document, IBufferWriter<byte> output, ExtendedJsonMode mode)
    {
        var sink = new Utf8JsonSink(output);
        var reader = new BsonReader(document);
        WriteObject(ref sink, ref reader, mode, 1);
        sink.Flush();
    }

    /// <summary>Writes one element's value (any BSON type) as a JSON value.</summary>
    public static void WriteValue(BsonElement element, IBufferWriter<byte> output, ExtendedJsonMode mode)
    {
        var sink = new Utf8JsonSink(output);
        WriteValue(ref sink, in element, mode, 1);
        sink.Flush();
    }

    /// <summary>Convenience for tests and tools, not for the per-event path.</summary>
    public static string ToJson(ReadOnlySpan<byte> document, ExtendedJsonMode mode)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(256, document.Length * 2));
        WriteDocument(document, output, mode);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void WriteObject(ref Utf8JsonSink sink, ref BsonReader reader, ExtendedJsonMode mode, int depth)
    {
        CheckDepth(ref reader, depth);
        sink.Write((byte)'{');
        var separator = false;
        while (reader.MoveNext())
        {
            ref readonly var element = ref reader.CurrentByRef;
            JsonEscaping.WriteMemberName(ref sink, element.Name, element.NameIsPlainAscii, separator);
            separator = true;
            WriteValue(ref sink, in element, mode, depth);
        }

        sink.Write((byte)'}');
    }

    /// <summary>Array element names are ignored: JSON arrays are positional (degenerate names like "" or "ab" occur).</summary>
    private static void WriteArray(ref Utf8JsonSink sink, ref BsonReader reader, ExtendedJsonMode mode, int depth)
    {
        CheckDepth(ref reader, depth);
        sink.Write((byte)'[');
        var first = true;
        while (reader.MoveNext())
        {
            if (!first)
            {
                sink.Write((byte)',');
            }

            first = false;
            WriteValue(ref sink, in reader.CurrentByRef, mode, depth);
        }

        sink.Write((byte)']');
    }

    private static void CheckDepth(ref BsonReader reader, int depth)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            throw TooDeep(reader.BaseOffset);
        }
    }

    private static BsonFormatException TooDeep(int offset) =>
        new(offset, $"documents nested deeper than {BsonLimits.MaxNestingDepth} levels");

    // The element goes by reference: it is a 48-byte struct, and this runs for every value of every document.
    private static void WriteValue(ref Utf8JsonSink sink, scoped in BsonElement element, ExtendedJsonMode mode, int depth)
    {
        switch (element.Type)
        {
            case BsonType.Double:
                WriteDouble(ref sink, element.GetDouble(), mode);
                break;
            case BsonType.String:
                JsonEscaping.WriteQuoted(ref sink, element.GetStringUtf8());
                break;
            case BsonType.Document:
                {
                    var child = element.GetDocumentReader();
                    WriteObject(ref sink, ref child, mode, depth + 1);
                    break;
                }

            case BsonType.Array:
                {
                    var child = element.GetDocumentReader();
                    WriteArray(ref sink, ref child, mode, depth + 1);
                    break;
                }

            case BsonType.Binary:
                WriteBinary(ref sink, in element);
                break;
            case BsonType.Undefined:
                sink.Write("{\"$undefined\":true}"u8);
                break;
            case BsonType.ObjectId:
                WriteObjectId(ref sink, element.GetObjectId());
                break;
            case BsonType.Boolean:
                sink.Write(element.GetBoolean() ? "true"u8 : "false"u8);
                break;
            case BsonType.DateTime:
                WriteDateTime(ref sink, element.GetDateTime(), mode);
                break;
            case BsonType.Null:
                sink.Write("null"u8);
                break;
            case BsonType.RegularExpression:
                WriteRegularExpression(ref sink, in element);
                break;
            case BsonType.DBPointer:
                {
                    var collection = element.GetDBPointer(out var id);
                    sink.Write("{\"$dbPointer\":{\"$ref\":"u8);
                    JsonEscaping.WriteQuoted(ref sink, collection);
                    sink.Write(",\"$id\":"u8);
                    WriteObjectId(ref sink, id);
                    sink.Write("}}"u8);
                    break;
                }

            case BsonType.JavaScript:
                sink.Write("{\"$code\":"u8);
                JsonEscaping.WriteQuoted(ref sink, element.GetStringUtf8());
                sink.Write((byte)'}');
                break;
            case BsonType.Symbol:
                sink.Write("{\"$symbol\":"u8);
                JsonEscaping.WriteQuoted(ref sink, element.GetStringUtf8());
                sink.Write((byte)'}');
                break;
            case BsonType.JavaScriptWithScope:
                {
                    var code = element.GetJavaScriptWithScope(out var scope);
                    sink.Write("{\"$code\":"u8);
                    JsonEscaping.WriteQuoted(ref sink, code);
                    sink.Write(",\"$scope\":"u8);
                    WriteObject(ref sink, ref scope, mode, depth + 1);
                    sink.Write((byte)'}');
                    break;
                }

            case BsonType.Int32:
                WriteWrappedInteger(ref sink, element.GetInt32(), mode == ExtendedJsonMode.Canonical ? "{\"$numberInt\":\""u8 : default);
                break;
            case BsonType.Timestamp:
                {
                    var timestamp = element.GetTimestamp();
                    sink.Write("{\"$timestamp\":{\"t\":"u8);
                    JsonNumberFormatting.WriteUInt32(ref sink, timestamp.Seconds);
                    sink.Write(",\"i\":"u8);
                    JsonNumberFormatting.WriteUInt32(ref sink, timestamp.Increment);
                    sink.Write("}}"u8);
                    break;
                }

            case BsonType.Int64:
                WriteWrappedInteger(ref sink, element.GetInt64(), mode == ExtendedJsonMode.Canonical ? "{\"$numberLong\":\""u8 : default);
                break;
            case BsonType.Decimal128:
                {
                    sink.Write("{\"$numberDecimal\":\""u8);
                    var span = sink.GetSpan(Decimal128.MaxFormattedLength);
                    element.GetDecimal128().TryFormat(span, out var written);
                    sink.Advance(written);
                    sink.Write("\"}"u8);
                    break;
                }

            case BsonType.MinKey:
                sink.Write("{\"$minKey\":1}"u8);
                break;
            case BsonType.MaxKey:
                sink.Write("{\"$maxKey\":1}"u8);
                break;
            default:
                throw UnhandledType(element.Type);
        }
    }

    // The reader rejects unknown type bytes, so this is a bug rather than bad input. Built out of line so that the
    // hot WriteValue carries no string-formatting frame.
    private static InvalidOperationException UnhandledType(BsonType type) => new($"Unhandled BSON type {type}.");

    private static void WriteDouble(ref Utf8JsonSink sink, double value, ExtendedJsonMode mode)
    {
        if (!double.IsFinite(value))
        {
            sink.Write("{\"$numberDouble\":\""u8);
            sink.Write(JsonNumberFormatting.NonFiniteText(value));
            sink.Write("\"}"u8);
        }
        else if (mode == ExtendedJsonMode.Relaxed)
        {
            JsonNumberFormatting.WriteFiniteDouble(ref sink, value);
        }
        else
        {
            sink.Write("{\"$numberDouble\":\""u8);
            JsonNumberFormatting.WriteFiniteDouble(ref sink, value);
            sink.Write("\"}"u8);
        }
    }

    /// <summary>Relaxed mode passes an empty wrapper and gets a bare number.</summary>
    private static void WriteWrappedInteger(ref Utf8JsonSink sink, long value, ReadOnlySpan<byte> wrapperOpening)
    {
        if (wrapperOpening.IsEmpty)
        {
            JsonNumberFormatting.WriteInt64(ref sink, value);
            return;
        }

        sink.Write(wrapperOpening);
        JsonNumberFormatting.WriteInt64(ref sink, value);
        sink.Write("\"}"u8);
    }

    private static void WriteDateTime(ref Utf8JsonSink sink, long milliseconds, ExtendedJsonMode mode)
    {
        if (mode == ExtendedJsonMode.Relaxed && milliseconds is >= 0 and <= JsonNumberFormatting.MaxIsoDateMilliseconds)
        {
            // Bounded length: one span for the wrapper and the text.
            var opening = "{\"$date\":\""u8;
            var span = sink.GetSpan(opening.Length + IsoDateFormatting.Length + 2);
            opening.CopyTo(span);
            var end = opening.Length + IsoDateFormatting.Write(span[opening.Length..], milliseconds);
            span[end] = (byte)'"';
            span[end + 1] = (byte)'}';
            sink.Advance(end + 2);
            return;
        }

        sink.Write("{\"$date\":{\"$numberLong\":\""u8);
        JsonNumberFormatting.WriteInt64(ref sink, milliseconds);
        sink.Write("\"}}"u8);
    }

    private static void WriteObjectId(ref Utf8JsonSink sink, ReadOnlySpan<byte> id)
    {
        sink.Write("{\"$oid\":\""u8);
        JsonNumberFormatting.WriteHex(ref sink, id);
        sink.Write("\"}"u8);
    }

    private static void WriteBinary(ref Utf8JsonSink sink, scoped in BsonElement element)
    {
        var data = element.GetBinary(out var subtype);
        sink.Write("{\"$binary\":{\"base64\":\""u8);
        var span = sink.GetSpan(Base64.GetMaxEncodedToUtf8Length(data.Length));
        Base64.EncodeToUtf8(data, span, out _, out var written);
        sink.Advance(written);
        sink.Write("\",\"subType\":\""u8);
        JsonNumberFormatting.WriteHex(ref sink, [subtype]);
        sink.Write("\"}}"u8);
    }

    private static void WriteRegularExpression(ref Utf8JsonSink sink, scoped in BsonElement element)
    {
        var pattern = element.GetRegularExpression(out var options);
        sink.Write("{\"$regularExpression\":{\"pattern\":"u8);
        JsonEscaping.WriteQuoted(ref sink, pattern);
        sink.Write(",\"options\":"u8);

        // Canonical form lists options in alphabetical order; they are a handful of ASCII letters.
        Span<byte> sorted = options.Length <= 64 ? stackalloc byte[options.Length] : new byte[options.Length];
        options.CopyTo(sorted);
        sorted.Sort();
        JsonEscaping.WriteQuoted(ref sink, sorted);
        sink.Write("}}"u8);
    }
}
