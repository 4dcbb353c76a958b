namespace Cdc.Schemas.Bson;

/// <summary>
/// Walks a whole BSON document tree (embedded documents, arrays and code-with-scope scopes included) so that every
/// framing rule <see cref="BsonReader"/> enforces is applied everywhere, with a bound on nesting depth.
/// </summary>
internal static class BsonValidator
{
    /// <summary>Throws <see cref="BsonFormatException"/> at the first problem anywhere in the document.</summary>
    public static void Validate(ReadOnlySpan<byte> document)
    {
        var reader = new BsonReader(document);
        Walk(ref reader, 1);
    }

    private static void Walk(ref BsonReader reader, int depth)
    {
        if (depth > BsonLimits.MaxNestingDepth)
        {
            throw new BsonFormatException(reader.BaseOffset, $"documents nested deeper than {BsonLimits.MaxNestingDepth} levels");
        }

        while (reader.MoveNext())
        {
            var element = reader.Current;
            switch (element.Type)
            {
                case BsonType.Document:
                case BsonType.Array:
                    {
                        var child = element.GetDocumentReader();
                        Walk(ref child, depth + 1);
                        break;
                    }

                case BsonType.JavaScriptWithScope:
                    {
                        element.GetJavaScriptWithScope(out var scope);
                        Walk(ref scope, depth + 1);
                        break;
                    }
            }
        }
    }
}
