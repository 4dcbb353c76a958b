using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Configuration.Keys;

/// <summary>
/// mongodb.collation: a MongoDB collation document ({"locale": "fr", "strength": 2}) for the change stream's
/// aggregate. Checked by the driver's own <see cref="Collation"/> parser at load time, so a misspelt field or a missing
/// locale is a configuration error, not a server error at the first open. From text sources the whole object is one
/// JSON value.
/// </summary>
internal sealed class CollationKey : JsonTextKey
{
    private const string RequirementText = "must be a collation document like {\"locale\": \"en\", \"strength\": 2}";
    private readonly Action<CdcOptions, JsonObject?> _set;

    public CollationKey(string section, string name, Action<CdcOptions, JsonObject?> set)
        : base(section, name)
    {
        _set = set;
    }

    protected override string Requirement => RequirementText;

    protected override bool EmptyTextUnsets => true;

    /// <summary>The collation the driver sends, from a document this key accepted.</summary>
    public static Collation ToCollation(JsonObject document) => Collation.FromBsonDocument(BsonDocument.Parse(document.ToJsonString()));

    public override void SetFromJson(CdcOptions options, JsonElement value, ValueOrigin origin, ConfigurationProblems problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            _set(options, null);
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Report(problems, RequirementText, value, origin);
            return;
        }

        var document = (JsonObject)JsonNode.Parse(value.GetRawText())!;
        try
        {
            _ = ToCollation(document);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or BsonException or KeyNotFoundException)
        {
            problems.Add($"'{Path}' is not a collation the MongoDB driver accepts ({ex.Message.TrimEnd('.')}); got {ValueText.Describe(value, secret: false)}{origin.Suffix}.");
            return;
        }

        _set(options, document);
    }
}
