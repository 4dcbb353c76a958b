namespace Cdc.Schemas.Bson;

/// <summary>Malformed BSON. <see cref="Offset"/> is the byte offset, from the start of the outermost document, where the problem was found.</summary>
internal sealed class BsonFormatException : FormatException
{
    public BsonFormatException(int offset, string problem)
        : base($"Malformed BSON at offset {offset}: {problem}")
    {
        Offset = offset;
        Problem = problem;
    }

    public int Offset { get; }

    public string Problem { get; }
}
