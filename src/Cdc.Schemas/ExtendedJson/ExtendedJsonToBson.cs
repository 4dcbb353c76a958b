using System.Globalization;
using System.Text.Json;
using Cdc.Schemas.Bson;
using static Cdc.Schemas.ExtendedJson.ExtendedJsonValues;

namespace Cdc.Schemas.ExtendedJson;

/// <summary>
/// Turns a parsed JSON tree into BSON, recognising Extended JSON type wrappers. An object holding a wrapper key
/// ($oid, $date, $numberLong, …) must be exactly that wrapper: extra or missing fields and wrongly typed values are
/// errors, not silently kept as plain documents. Query-operator look-alikes the specification keeps as documents
/// ({"$type": …} without $binary, {"$regex": {…}}, DBRefs) stay documents.
/// </summary>
internal sealed class ExtendedJsonToBson
{
    private readonly BsonWriter _writer;

    public ExtendedJsonToBson(BsonWriter writer) => _writer = writer;

    public void WriteTopLevel(JsonElement root)
    {
        _writer.WriteStartDocument();
        WriteMembers(root, "$", 1);
        _writer.WriteEndDocument();
    }

    private void WriteMembers(JsonElement obj, string path, int depth)
    {
        CheckDepth(depth, path);
        foreach (var property in obj.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (property.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw Error(childPath, "key contains a NUL character, which BSON names cannot hold");
            }

            WriteValue(property.Name, property.Value, childPath, depth);
        }
    }

    private void WriteValue(string name, JsonElement value, string path, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (!TryWriteWrapper(name, value, path, depth))
                {
                    CheckDepth(depth + 1, path);
                    _writer.WriteStartDocument(name);
                    WriteMembers(value, path, depth + 1);
                    _writer.WriteEndDocument();
                }

                break;
            case JsonValueKind.Array:
                {
                    CheckDepth(depth + 1, path);
                    _writer.WriteStartArray(name);
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        var indexName = index.ToString(CultureInfo.InvariantCulture);
                        WriteValue(indexName, item, $"{path}[{indexName}]", depth + 1);
                        index++;
                    }

                    _writer.WriteEndArray();
                    break;
                }

            case JsonValueKind.String:
                _writer.WriteString(name, value.GetString()!);
                break;
            case JsonValueKind.Number:
                WriteRelaxedNumber(name, value, path);
                break;
            case JsonValueKind.True:
                _writer.WriteBoolean(name, true);
                break;
            case JsonValueKind.False:
                _writer.WriteBoolean(name, false);
                break;
            case JsonValueKind.Null:
                _writer.WriteNull(name);
                break;
            default:
                throw Error(path, $"unexpected JSON value kind {value.ValueKind}");
        }
    }

    /// <summary>Integers that fit Int32 become int32, then int64; anything else (fraction, exponent, huge) a double.</summary>
    private void WriteRelaxedNumber(string name, JsonElement value, string path)
    {
        var text = value.GetRawText();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (value.TryGetInt32(out var int32))
            {
                _writer.WriteInt32(name, int32);
                return;
            }

            if (value.TryGetInt64(out var int64))
            {
                _writer.WriteInt64(name, int64);
                return;
            }
        }

        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw Error(path, $"number {text} is outside the range of a double");
        }

        _writer.WriteDouble(name, number);
    }

    private bool TryWriteWrapper(string name, JsonElement obj, string path, int depth)
    {
        var count = 0;
        string? wrapper = null;
        var hasOptions = false;
        foreach (var property in obj.EnumerateObject())
        {
            count++;
            if (wrapper is null && ExtendedJsonKeys.IsWrapperKey(property.Name))
            {
                wrapper = property.Name;
            }

            hasOptions |= property.Name == "$options";
        }

        if (wrapper is null)
        {
            return false;
        }

        var payload = obj.GetProperty(wrapper);
        var wrapperPath = $"{path}.{wrapper}";
        switch (wrapper)
        {
            case "$regex":
                // Legacy {"$regex": "…", "$options": "…"}; with a non-string $regex it is a query operator document.
                if (payload.ValueKind != JsonValueKind.String || !hasOptions)
                {
                    return false;
                }

                RequireKeys(obj, path, count, "$regex", "$options");
                WriteRegularExpression(name, payload.GetString()!, RequireString(obj.GetProperty("$options"), $"{path}.$options"), path);
                return true;
            case "$binary":
                WriteBinaryWrapper(name, obj, payload, path, count);
                return true;
            case "$code":
                WriteCode(name, obj, payload, path, count, depth);
                return true;
        }

        RequireKeys(obj, path, count, wrapper);
        switch (wrapper)
        {
            case "$oid":
                _writer.WriteObjectId(name, ParseObjectId(payload, wrapperPath));
                break;
            case "$symbol":
                _writer.WriteSymbol(name, RequireString(payload, wrapperPath));
                break;
            case "$numberInt":
                _writer.WriteInt32(name, ParseInt32(RequireString(payload, wrapperPath), wrapperPath));
                break;
            case "$numberLong":
                _writer.WriteInt64(name, ParseInt64(RequireString(payload, wrapperPath), wrapperPath));
                break;
            case "$numberDouble":
                _writer.WriteDouble(name, ParseDouble(RequireString(payload, wrapperPath), wrapperPath));
                break;
            case "$numberDecimal":
                _writer.WriteDecimal128(name, ParseDecimal(RequireString(payload, wrapperPath), wrapperPath));
                break;
            case "$date":
                _writer.WriteDateTime(name, ParseDate(payload, wrapperPath));
                break;
            case "$timestamp":
                _writer.WriteTimestamp(name, ParseTimestamp(payload, wrapperPath));
                break;
            case "$regularExpression":
                RequireObject(payload, wrapperPath);
                RequireKeys(payload, wrapperPath, CountProperties(payload), "pattern", "options");
                WriteRegularExpression(
                    name,
                    RequireString(RequireProperty(payload, "pattern", wrapperPath), $"{wrapperPath}.pattern"),
                    RequireString(RequireProperty(payload, "options", wrapperPath), $"{wrapperPath}.options"),
                    wrapperPath);
                break;
            case "$dbPointer":
                {
                    RequireObject(payload, wrapperPath);
                    RequireKeys(payload, wrapperPath, CountProperties(payload), "$ref", "$id");
                    var collection = RequireString(RequireProperty(payload, "$ref", wrapperPath), $"{wrapperPath}.$ref");
                    var id = RequireProperty(payload, "$id", wrapperPath);
                    var idPath = $"{wrapperPath}.$id";
                    RequireObject(id, idPath);
                    RequireKeys(id, idPath, CountProperties(id), "$oid");
                    _writer.WriteDBPointer(name, collection, ParseObjectId(id.GetProperty("$oid"), $"{idPath}.$oid"));
                    break;
                }

            case "$minKey":
            case "$maxKey":
                if (payload.ValueKind != JsonValueKind.Number || !payload.TryGetInt32(out var one) || one != 1)
                {
                    throw Error(wrapperPath, $"must be the number 1, not {payload.GetRawText()}");
                }

                if (wrapper == "$minKey")
                {
                    _writer.WriteMinKey(name);
                }
                else
                {
                    _writer.WriteMaxKey(name);
                }

                break;
            case "$undefined":
                if (payload.ValueKind != JsonValueKind.True)
                {
                    throw Error(wrapperPath, $"must be true, not {payload.GetRawText()}");
                }

                _writer.WriteUndefined(name);
                break;
            case "$uuid":
                _writer.WriteBinary(name, BsonBinarySubtypes.Uuid, ParseUuid(RequireString(payload, wrapperPath), wrapperPath));
                break;
            default:
                throw Error(wrapperPath, "unsupported Extended JSON type wrapper");
        }

        return true;
    }

    private void WriteBinaryWrapper(string name, JsonElement obj, JsonElement payload, string path, int count)
    {
        string base64;
        string subtypeHex;
        string subtypePath;
        if (payload.ValueKind == JsonValueKind.String)
        {
            // Legacy form {"$binary": "<base64>", "$type": "<hex>"}.
            RequireKeys(obj, path, count, "$binary", "$type");
            base64 = payload.GetString()!;
            subtypePath = $"{path}.$type";
            subtypeHex = RequireString(obj.GetProperty("$type"), subtypePath);
        }
        else
        {
            var binaryPath = $"{path}.$binary";
            RequireKeys(obj, path, count, "$binary");
            RequireObject(payload, binaryPath);
            RequireKeys(payload, binaryPath, CountProperties(payload), "base64", "subType");
            base64 = RequireString(RequireProperty(payload, "base64", binaryPath), $"{binaryPath}.base64");
            subtypePath = $"{binaryPath}.subType";
            subtypeHex = RequireString(RequireProperty(payload, "subType", binaryPath), subtypePath);
        }

        if (subtypeHex.Length is < 1 or > 2 || !byte.TryParse(subtypeHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var subtype))
        {
            throw Error(subtypePath, $"binary subtype must be one or two hex digits, not \"{subtypeHex}\"");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Error(path, $"\"{Shorten(base64)}\" is not valid base64");
        }

        _writer.WriteBinary(name, subtype, data);
    }

    private void WriteCode(string name, JsonElement obj, JsonElement payload, string path, int count, int depth)
    {
        var code = RequireString(payload, $"{path}.$code");
        if (!obj.TryGetProperty("$scope", out var scope))
        {
            RequireKeys(obj, path, count, "$code");
            _writer.WriteJavaScript(name, code);
            return;
        }

        RequireKeys(obj, path, count, "$code", "$scope");
        var scopePath = $"{path}.$scope";
        RequireObject(scope, scopePath);
        var scopeWriter = new BsonWriter();
        var scopeConverter = new ExtendedJsonToBson(scopeWriter);
        scopeWriter.WriteStartDocument();
        scopeConverter.WriteMembers(scope, scopePath, depth + 1);
        scopeWriter.WriteEndDocument();
        _writer.WriteJavaScriptWithScope(name, code, scopeWriter.WrittenSpan);
    }

    private void WriteRegularExpression(string name, string pattern, string options, string path)
    {
        if (pattern.Contains('\0', StringComparison.Ordinal) || options.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(path, "regular expression pattern and options cannot contain a NUL character");
        }

        // BSON stores options in alphabetical order.
        var sorted = options.ToCharArray();
        Array.Sort(sorted);
        _writer.WriteRegularExpression(name, pattern, new string(sorted));
    }
}
