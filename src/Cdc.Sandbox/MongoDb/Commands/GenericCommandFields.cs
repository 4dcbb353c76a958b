namespace Cdc.Sandbox.MongoDb.Commands;

/// <summary>Fields any command may carry (sessions, concerns, API version…), which are not command options.</summary>
internal static class GenericCommandFields
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "lsid", "txnNumber", "autocommit", "startTransaction", "writeConcern", "readConcern", "maxTimeMS", "comment",
        "apiVersion", "apiStrict", "apiDeprecationErrors",
    };

    public static bool IsGeneric(string field) => field.StartsWith('$') || Names.Contains(field);
}
