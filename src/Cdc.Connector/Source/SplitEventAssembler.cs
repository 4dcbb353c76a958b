using System.Buffers.Binary;
using Cdc.Schemas.Bson;

namespace Cdc.Connector.Source;

/// <summary>
/// Puts a change event that <c>$changeStreamSplitLargeEvent</c> cut into fragments back together: one BSON document with
/// every top-level field of every fragment, in the order they came, and as <c>_id</c> the last fragment's resume token.
/// Resuming from that token continues with the event after this one, so committing the reassembled event's token is
/// committing the whole event; no fragment's own token is ever handed out.
/// </summary>
/// <remarks>
/// Memory: one event at a time, in one buffer of the event's size (at most its fragment count × 16 MiB, since each
/// fragment is a BSON object MongoDB sent). The fields are appended as fragments come; the last fragment's token goes in
/// front with one move of the buffer. A buffer grown past <see cref="RetainedBytes"/> is let go once the event it held
/// has been read, so a rare large event does not pin its size for the life of the process.
/// </remarks>
internal sealed class SplitEventAssembler
{
    /// <summary>Buffers up to this size are kept for the next split event; larger ones are released after use.</summary>
    public const int RetainedBytes = 1024 * 1024;

    private byte[] _buffer = [];

    // Bytes of fields appended after the 4-byte length placeholder.
    private int _length;
    private int _expected;
    private int _of;
    private bool _handedOut;

    /// <summary>True between a fragment 1 and its last fragment.</summary>
    public bool InProgress => _expected > 0;

    /// <summary>The fragment count of the event being reassembled (0 when none).</summary>
    public int FragmentCount => _of;

    /// <summary>The fragment count of the event last assembled.</summary>
    public int LastFragmentCount { get; private set; }

    /// <summary>The capacity held now (for tests of the memory bound).</summary>
    public int BufferCapacity => _buffer.Length;

    /// <summary>
    /// Takes the next event from the stream. <see cref="SplitEventStep.Whole"/>: <paramref name="changeEvent"/> is not a
    /// fragment and is to be used as it is. <see cref="SplitEventStep.Pending"/>: a fragment was kept; read on.
    /// <see cref="SplitEventStep.Assembled"/>: it was the last fragment, and <paramref name="assembled"/> is the whole
    /// event, valid until the next call. Throws <see cref="SplitEventException"/> for a fragment out of sequence.
    /// </summary>
    public SplitEventStep Add(ReadOnlySpan<byte> changeEvent, out ReadOnlySpan<byte> assembled)
    {
        assembled = default;
        ReleaseHandedOut();
        if (!TryReadSplit(changeEvent, out var fragment, out var of))
        {
            if (InProgress)
            {
                throw Interrupted($"an event that is not a fragment came after fragment {_expected - 1} of {_of}");
            }

            return SplitEventStep.Whole;
        }

        if (of < 1 || fragment < 1 || fragment > of)
        {
            throw new SplitEventException($"The change stream delivered a fragment numbered {fragment} of {of}, which is not a valid splitEvent.");
        }

        if (!InProgress)
        {
            if (fragment != 1)
            {
                throw new SplitEventException(
                    $"The change stream began in the middle of a split event (fragment {fragment} of {of}), so the event cannot be reassembled. "
                    + "The stream was started from a fragment's resume token: start it from a position before or after the event "
                    + "(mongodb.startAt, or the checkpoint), never from a token read off a fragment.");
            }

            _of = of;
            _length = 0;
        }
        else if (fragment != _expected || of != _of)
        {
            throw Interrupted($"fragment {fragment} of {of} came where fragment {_expected} of {_of} was due");
        }

        AppendFields(changeEvent);
        if (fragment < of)
        {
            _expected = fragment + 1;
            return SplitEventStep.Pending;
        }

        assembled = Complete(changeEvent);
        return SplitEventStep.Assembled;
    }

    /// <summary>Drops a partial event (the stream is reopened from a committed position, before it).</summary>
    public void Reset()
    {
        _expected = 0;
        _of = 0;
        _length = 0;
        _handedOut = true;
        ReleaseHandedOut();
    }

    /// <summary>Whether <paramref name="changeEvent"/> has a top-level splitEvent document, and its numbers.</summary>
    private static bool TryReadSplit(ReadOnlySpan<byte> changeEvent, out int fragment, out int of)
    {
        fragment = 0;
        of = 0;
        var reader = new BsonReader(changeEvent);
        while (reader.MoveNext())
        {
            if (reader.Current.Type != BsonType.Document || !reader.Current.NameEquals("splitEvent"u8))
            {
                continue;
            }

            var split = reader.Current.GetDocumentReader();
            while (split.MoveNext())
            {
                var element = split.Current;
                if (element.NameEquals("fragment"u8))
                {
                    fragment = Number(element);
                }
                else if (element.NameEquals("of"u8))
                {
                    of = Number(element);
                }
            }

            return true;
        }

        return false;
    }

    private static int Number(BsonElement element) => element.Type switch
    {
        BsonType.Int32 => element.GetInt32(),
        BsonType.Int64 => (int)Math.Clamp(element.GetInt64(), int.MinValue, int.MaxValue),
        BsonType.Double => (int)element.GetDouble(),
        _ => 0,
    };

    private SplitEventException Interrupted(string what)
    {
        var of = _of;
        Reset();
        return new SplitEventException(
            $"A split change event was interrupted: {what}. Its fragments must come in order, one after the other; "
            + $"the partial event ({of} fragments) is dropped and the stream is reopened from the last committed position.")
        {
            ReopenHelps = true,
        };
    }

    /// <summary>Appends every top-level element of the fragment but its _id and splitEvent, as raw BSON elements.</summary>
    private void AppendFields(ReadOnlySpan<byte> fragment)
    {
        Ensure(4 + _length + fragment.Length);
        var reader = new BsonReader(fragment);
        while (reader.MoveNext())
        {
            var element = reader.Current;
            if (element.NameEquals("_id"u8) || element.NameEquals("splitEvent"u8))
            {
                continue;
            }

            _length += WriteElement(_buffer.AsSpan(4 + _length), element);
        }
    }

    /// <summary>Puts the last fragment's _id in front of the fields, then the length and terminator.</summary>
    private ReadOnlySpan<byte> Complete(ReadOnlySpan<byte> lastFragment)
    {
        var idSize = 0;
        var reader = new BsonReader(lastFragment);
        BsonElement id = default;
        while (reader.MoveNext())
        {
            if (reader.Current.NameEquals("_id"u8))
            {
                id = reader.Current;
                idSize = 1 + id.Name.Length + 1 + id.Value.Length;
                break;
            }
        }

        var total = 4 + idSize + _length + 1;
        Ensure(total);
        if (idSize > 0)
        {
            // One move makes room for the token in front; the fields keep their order.
            Buffer.BlockCopy(_buffer, 4, _buffer, 4 + idSize, _length);
            WriteElement(_buffer.AsSpan(4), id);
        }

        _buffer[total - 1] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, total);
        LastFragmentCount = _of;
        _expected = 0;
        _of = 0;
        _length = 0;
        _handedOut = true;
        return _buffer.AsSpan(0, total);
    }

    private static int WriteElement(Span<byte> target, BsonElement element)
    {
        target[0] = (byte)element.Type;
        element.Name.CopyTo(target[1..]);
        target[1 + element.Name.Length] = 0;
        element.Value.CopyTo(target[(2 + element.Name.Length)..]);
        return 2 + element.Name.Length + element.Value.Length;
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length >= bytes)
        {
            return;
        }

        // Grows by half again at least, so a many-fragment event copies its bytes a bounded number of times.
        var grown = new byte[Math.Max(bytes, _buffer.Length + (_buffer.Length / 2))];
        if (_length > 0)
        {
            _buffer.AsSpan(0, 4 + _length).CopyTo(grown);
        }
        _buffer = grown;
    }

    /// <summary>After the assembled event was read: a large buffer is let go (see the remarks).</summary>
    private void ReleaseHandedOut()
    {
        if (_handedOut && _buffer.Length > RetainedBytes)
        {
            _buffer = [];
        }

        _handedOut = false;
    }
}
