using System.Buffers;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>Writes UTF-8 text as the body of a JSON string (quotes included), escaping only what JSON requires.</summary>
internal static class JsonEscaping
{
    // Quote, backslash and the C0 controls are the only bytes JSON forbids raw; everything else (non-ASCII too)
    // is copied as is, so a vectorised search finds the rare bytes that need work.
    private static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\"u8);

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>
    /// Writes [","]"name": — the member prefix in one step, as every element of every object needs it.
    /// <paramref name="knownPlain"/> says the caller already knows the name needs no escapes (the BSON reader checks).
    /// </summary>
    public static void WriteMemberName(ref Utf8JsonSink sink, scoped ReadOnlySpan<byte> utf8, bool knownPlain, bool separator)
    {
        if (!knownPlain && utf8.IndexOfAny(NeedsEscape) >= 0)
        {
            if (separator)
            {
                sink.Write((byte)',');
            }

            WriteQuoted(ref sink, utf8);
            sink.Write((byte)':');
            return;
        }

        var span = sink.GetSpan(utf8.Length + 4);
        var position = 0;
        if (separator)
        {
            span[position++] = (byte)',';
        }

        span[position++] = (byte)'"';
        utf8.CopyTo(span[position..]);
        position += utf8.Length;
        span[position++] = (byte)'"';
        span[position++] = (byte)':';
        sink.Advance(position);
    }

    public static void WriteQuoted(ref Utf8JsonSink sink, scoped ReadOnlySpan<byte> utf8)
    {
        // Fast path: no escapes needed, so quotes and text go out with a single bounds check.
        if (utf8.IndexOfAny(NeedsEscape) < 0)
        {
            var span = sink.GetSpan(utf8.Length + 2);
            span[0] = (byte)'"';
            utf8.CopyTo(span[1..]);
            span[utf8.Length + 1] = (byte)'"';
            sink.Advance(utf8.Length + 2);
            return;
        }

        sink.Write((byte)'"');
        while (true)
        {
            var next = utf8.IndexOfAny(NeedsEscape);
            if (next < 0)
            {
                sink.Write(utf8);
                break;
            }

            sink.Write(utf8[..next]);
            WriteEscape(ref sink, utf8[next]);
            utf8 = utf8[(next + 1)..];
        }

        sink.Write((byte)'"');
    }

    private static void WriteEscape(ref Utf8JsonSink sink, byte value)
    {
        var span = sink.GetSpan(6);
        span[0] = (byte)'\\';
        var shortForm = value switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[1] = shortForm;
            sink.Advance(2);
            return;
        }

        span[1] = (byte)'u';
        span[2] = (byte)'0';
        span[3] = (byte)'0';
        span[4] = HexDigits[value >> 4];
        span[5] = HexDigits[value & 0xF];
        sink.Advance(6);
    }
}
