namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>The naming rules a server enforces on database and collection names.</summary>
internal static class NamespaceRules
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInDatabase = System.Buffers.SearchValues.Create("/\\. \"$\0");

    public static void ValidateDatabase(string database)
    {
        if (database.Length == 0 || database.Length > 63 || database.AsSpan().IndexOfAny(ForbiddenInDatabase) >= 0)
        {
            throw new CommandException(ErrorCodes.InvalidNamespace, $"Invalid database name: '{database}'");
        }
    }

    public static void ValidateCollection(string database, string collection)
    {
        ValidateDatabase(database);
        if (collection.Length == 0 || collection.Contains('\0', StringComparison.Ordinal) || collection.Contains('$', StringComparison.Ordinal))
        {
            throw new CommandException(ErrorCodes.InvalidNamespace, $"Invalid collection name: '{collection}' in database '{database}'");
        }
    }
}
