namespace Cdc.Schemas.Bson;

/// <summary>
/// Forward-only reader over the elements of ONE BSON document held in a span. Allocates nothing.
/// The constructor checks the length prefix and the trailing NUL; each MoveNext checks the element it steps over
/// (type byte, NUL-terminated name, value size within bounds, string length prefixes and terminators).
/// Embedded documents are read with <see cref="BsonElement.GetDocumentReader"/>, which validates them in turn.
/// Errors throw <see cref="BsonFormatException"/> naming the absolute offset (baseOffset + position).
/// STUB: signatures are the contract; the implementation arrives with the BSON work.
/// </summary>
internal ref struct BsonReader
{
    public BsonReader(ReadOnlySpan<byte> document)
        : this(document, 0)
    {
    }

    /// <param name="document">The whole document, length prefix included.</param>
    /// <param name="baseOffset">Offset of <paramref name="document"/> inside the outermost document, for error messages.</param>
    public BsonReader(ReadOnlySpan<byte> document, int baseOffset)
    {
        Document = document;
        BaseOffset = baseOffset;
        throw new NotImplementedException();
    }

    /// <summary>The document bytes, length prefix and trailing NUL included.</summary>
    public ReadOnlySpan<byte> Document { get; }

    public int BaseOffset { get; }

    /// <summary>The element MoveNext last stepped onto.</summary>
    public readonly BsonElement Current => throw new NotImplementedException();

    public bool MoveNext() => throw new NotImplementedException();
}
