using System.Buffers;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>The keys that mark an Extended JSON object as a type wrapper, and character sets the parser checks.</summary>
internal static class ExtendedJsonKeys
{
    /// <summary>Primary wrapper keys; companions ($scope, $options, $type) only count next to their primary.</summary>
    private static readonly HashSet<string> WrapperKeys = new(StringComparer.Ordinal)
    {
        "$oid", "$symbol", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$binary", "$code",
        "$timestamp", "$regularExpression", "$dbPointer", "$date", "$minKey", "$maxKey", "$undefined", "$uuid", "$regex",
    };

    public static SearchValues<char> HexDigits { get; } = SearchValues.Create("0123456789abcdefABCDEF");

    public static SearchValues<char> DecimalNumberCharacters { get; } = SearchValues.Create("0123456789+-.eE");

    public static bool IsWrapperKey(string key) => key.Length > 1 && key[0] == '$' && WrapperKeys.Contains(key);
}
