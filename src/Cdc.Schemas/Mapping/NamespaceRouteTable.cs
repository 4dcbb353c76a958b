using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Namespace → <see cref="NamespaceRoute"/>, looked up from the event's UTF-8 names without allocating: the names are
/// transcoded into a reused UTF-16 buffer and found through the dictionary's span lookup. Topics sharing a name (via
/// overrides) share one <see cref="EnvelopeSchemas"/>. A namespace's first resolution also checks that its topic may
/// receive its records (<see cref="TopicCollisionException"/>): the namespaces of a cluster or database stream are only
/// known as they appear.
/// </summary>
internal sealed class NamespaceRouteTable
{
    // Tags make the three kinds of lookup key distinct; '\0' cannot occur in BSON names, so it separates db and coll.
    private const char CollectionTag = 'c';
    private const char DatabaseTag = 'd';
    private const char NoNamespaceTag = 'n';

    // Real deployments have a bounded set of namespaces; past this many, routes are still computed (identically,
    // so keys and schemas stay the same) but no longer kept, so a stream of endless new namespaces cannot exhaust memory.
    private const int MaxCachedRoutes = 65_536;

    private readonly MappingOptions _options;
    private readonly Dictionary<string, NamespaceRoute> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamespaceRoute>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, EnvelopeSchemas> _schemasByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _overrideKeysByTopic = new(StringComparer.Ordinal);
    private char[] _keyBuffer = new char[256];

    public NamespaceRouteTable(MappingOptions options)
    {
        _options = options;
        _lookup = _routes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (namespaceName, topic) in options.TopicOverrides.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            if (!_overrideKeysByTopic.TryGetValue(topic, out var keys))
            {
                _overrideKeysByTopic.Add(topic, keys = []);
            }

            keys.Add($"kafka.topics.{namespaceName}");
        }
    }

    /// <summary>The route of a namespace given as UTF-8 names; a name is ignored when its flag says it is absent.</summary>
    public NamespaceRoute Resolve(bool hasNamespace, ReadOnlySpan<byte> db, bool hasCollection, ReadOnlySpan<byte> coll)
    {
        var needed = 2 + db.Length + coll.Length;
        if (_keyBuffer.Length < needed)
        {
            _keyBuffer = new char[Math.Max(needed, _keyBuffer.Length * 2)];
        }

        var key = _keyBuffer.AsSpan();
        int length;
        if (!hasNamespace)
        {
            key[0] = NoNamespaceTag;
            length = 1;
        }
        else
        {
            key[0] = hasCollection ? CollectionTag : DatabaseTag;
            length = 1 + Transcode(db, key[1..], "ns.db");
            if (hasCollection)
            {
                key[length++] = '\0';
                length += Transcode(coll, key[length..], "ns.coll");
            }
        }

        var lookupKey = key[..length];
        return _lookup.TryGetValue(lookupKey, out var route) ? route : Add(lookupKey, hasNamespace, db, hasCollection, coll);
    }

    private static int Transcode(ReadOnlySpan<byte> utf8, Span<char> destination, string field)
    {
        // Strict: replacing invalid bytes would let two different names share a route.
        var status = Utf8.ToUtf16(utf8, destination, out _, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done
            ? written
            : throw new ChangeEventMappingException(field, "is not valid UTF-8.");
    }

    private NamespaceRoute Add(ReadOnlySpan<char> lookupKey, bool hasNamespace, ReadOnlySpan<byte> db, bool hasCollection, ReadOnlySpan<byte> coll)
    {
        var dbName = hasNamespace ? Encoding.UTF8.GetString(db) : null;
        var collName = hasNamespace && hasCollection ? Encoding.UTF8.GetString(coll) : null;
        var overrideKey = dbName is null ? null : collName is null ? dbName : $"{dbName}.{collName}";
        var overridden = overrideKey is not null && _options.TopicOverrides.TryGetValue(overrideKey, out var overrideTopic) ? overrideTopic : null;
        var topic = overridden ?? TopicNames.Compose(_options.TopicPrefix, dbName, collName);
        CheckCollision(dbName, collName, topic, overridden is not null);

        var cache = _routes.Count < MaxCachedRoutes;
        if (!_schemasByTopic.TryGetValue(topic, out var schemas))
        {
            schemas = EnvelopeSchemas.ForTopic(topic);
            if (cache)
            {
                _schemasByTopic.Add(topic, schemas);
            }
        }

        var route = new NamespaceRoute(dbName, collName, topic, schemas, NamespaceKeyJson(dbName, collName));
        if (cache)
        {
            _routes.Add(lookupKey.ToString(), route);
        }

        return route;
    }

    /// <summary>
    /// Refuses a topic of another kind of record, and a generated topic that kafka.topics sends other namespaces to.
    /// Several overrides naming one topic are a deliberate fan-in (every namespace in it is named), so an overridden
    /// topic is only checked against the reserved ones.
    /// </summary>
    private void CheckCollision(string? db, string? coll, string topic, bool overridden)
    {
        if (_options.ReservedTopics.TryGetValue(topic, out var reserved))
        {
            throw TopicCollisionException.WithReserved(db, coll, topic, reserved);
        }

        if (!overridden && _overrideKeysByTopic.TryGetValue(topic, out var keys))
        {
            throw TopicCollisionException.WithOverrides(db, coll, topic, keys);
        }
    }

    private static byte[] NamespaceKeyJson(string? db, string? coll)
    {
        var writer = new BsonWriter();
        writer.WriteStartDocument();
        writer.WriteStartDocument("ns");
        if (db is not null)
        {
            writer.WriteString("db", db);
            if (coll is not null)
            {
                writer.WriteString("coll", coll);
            }
        }

        writer.WriteEndDocument();
        writer.WriteEndDocument();
        var output = new ArrayBufferWriter<byte>();
        ExtendedJsonWriter.WriteDocument(writer.WrittenSpan, output, ExtendedJsonMode.Canonical);
        return output.WrittenSpan.ToArray();
    }
}
