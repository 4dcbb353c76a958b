using Cdc.Connector.Configuration;
using Cdc.Connector.Source;
using Cdc.Schemas.Mapping;

namespace Cdc.Connector.Mapping;

/// <summary>
/// Which of a cluster's topics hold a pipeline's change records, judged by name as the mapper names topics
/// (<see cref="TopicNames.Compose"/>, kafka.topics overrides) within the stream's scope and its
/// mongodb.includeNamespaces/excludeNamespaces: for `cdc tail` without named topics. The checkpoint and dead-letter
/// topics never count.
/// </summary>
/// <remarks>
/// A generated name is read back into its namespace (a database name has no '.', so the first dot after the prefix
/// splits) and checked against the scope; a name that a sanitised namespace may have made (characters replaced, a hash
/// suffix) cannot be read back, so any such name under the scope's prefix counts. Topics of other pipelines with the
/// same prefix and scope are indistinguishable by name and count too.
/// </remarks>
internal sealed class PipelineTopics
{
    private static readonly System.Buffers.SearchValues<char> LowercaseHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private readonly string _prefix;
    private readonly WatchScope _scope;
    private readonly string? _database;
    private readonly string? _collection;
    private readonly string? _collectionTopic;
    private readonly string? _databaseTopic;
    private readonly string _collectionsStart;
    private readonly NamespaceScope _namespaces;
    private readonly Dictionary<string, string> _overrides;
    private readonly HashSet<string> _overriddenInScope = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved;

    private PipelineTopics(CdcOptions options)
    {
        var mongo = options.MongoDb;
        _prefix = options.Kafka.TopicPrefix;
        _scope = mongo.Scope;
        _database = mongo.Database;
        _collection = mongo.Collection;
        _overrides = options.Kafka.Topics;
        _namespaces = new NamespaceScope(mongo.IncludeNamespaces, mongo.ExcludeNamespaces, "mongodb.includeNamespaces", "mongodb.excludeNamespaces");
        _reserved = ReservedTopics.From(options).Select(r => r.Topic).ToHashSet(StringComparer.Ordinal);
        switch (_scope)
        {
            case WatchScope.Collection:
                _collectionTopic = CollectionTopic(options);
                _collectionsStart = _collectionTopic;
                Description = $"\"{_collectionTopic}\"";
                break;
            case WatchScope.Database:
                _databaseTopic = _overrides.TryGetValue(_database!, out var overridden) ? overridden : TopicNames.Compose(_prefix, _database, null);
                _collectionsStart = CollectionsStart(_prefix, _database!);
                Description = $"\"{_collectionsStart}<collection>\"";
                break;
            default:
                _collectionsStart = _prefix + ".";
                Description = $"\"{_prefix}.<database>.<collection>\"";
                break;
        }

        foreach (var (namespaceName, topic) in _overrides)
        {
            var dot = namespaceName.IndexOf('.', StringComparison.Ordinal);
            if (InScope(dot < 0 ? namespaceName : namespaceName[..dot], dot < 0 ? null : namespaceName[(dot + 1)..]))
            {
                _overriddenInScope.Add(topic);
            }
        }

        if (_overriddenInScope.Count > 0)
        {
            Description += $" and the kafka.topics entries of its namespaces ({string.Join(", ", _overriddenInScope.Order(StringComparer.Ordinal).Select(t => $"\"{t}\""))})";
        }
    }

    /// <summary>The names the pipeline's topics have, for messages: "\"cdc.shop.&lt;collection&gt;\"" and any overrides.</summary>
    public string Description { get; }

    public static PipelineTopics Of(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PipelineTopics(options);
    }

    /// <summary>The data topic of a collection-scope stream, named exactly as the mapper names it.</summary>
    public static string CollectionTopic(CdcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mongo = options.MongoDb;
        return options.Kafka.Topics.TryGetValue($"{mongo.Database}.{mongo.Collection}", out var overridden)
            ? overridden
            : TopicNames.Compose(options.Kafka.TopicPrefix, mongo.Database, mongo.Collection);
    }

    /// <summary>Whether the pipeline publishes change records to <paramref name="topic"/>.</summary>
    public bool Includes(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (_reserved.Contains(topic))
        {
            return false;
        }

        // The prefix alone is the topic of events without a namespace (invalidate), in every scope.
        if (_overriddenInScope.Contains(topic) || topic == _prefix)
        {
            return true;
        }

        return _scope switch
        {
            WatchScope.Collection => topic == _collectionTopic,
            WatchScope.Database when topic == _databaseTopic => true,
            _ => topic.StartsWith(_collectionsStart, StringComparison.Ordinal) && GeneratedInScope(topic),
        };
    }

    /// <summary>A topic under the scope's prefix: in scope unless it reads back as a namespace the stream leaves out or kafka.topics sends elsewhere.</summary>
    private bool GeneratedInScope(string topic)
    {
        if (EndsWithHashSuffix(topic))
        {
            // Possibly a sanitised namespace's name, which cannot be read back.
            return true;
        }

        string db;
        string? coll;
        if (_scope == WatchScope.Database)
        {
            db = _database!;
            coll = topic[_collectionsStart.Length..];
        }
        else
        {
            var rest = topic[(_prefix.Length + 1)..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            db = dot < 0 ? rest : rest[..dot];
            coll = dot < 0 ? null : rest[(dot + 1)..];
        }

        if (db.Length == 0 || coll is { Length: 0 } || TopicNames.Compose(_prefix, db, coll) != topic)
        {
            return true;
        }

        return !_overrides.ContainsKey(coll is null ? db : $"{db}.{coll}") && InScope(db, coll);
    }

    /// <summary>"-" and 8 or 16 lowercase hex digits at the end: the suffix <see cref="TopicNames.Compose"/> gives a sanitised namespace.</summary>
    private static bool EndsWithHashSuffix(string topic)
    {
        var dash = topic.LastIndexOf('-');
        var hex = topic.AsSpan(dash + 1);
        return dash >= 0 && hex.Length is 8 or 16 && !hex.ContainsAnyExcept(LowercaseHex);
    }

    /// <summary>Whether the stream sees events of namespace db (database-level when <paramref name="coll"/> is null) or db.coll.</summary>
    private bool InScope(string db, string? coll) => _scope switch
    {
        WatchScope.Collection => db == _database && coll == _collection,
        WatchScope.Database => db == _database && (coll is null || _namespaces.Allows(db, coll)),
        _ => coll is null || _namespaces.Allows(db, coll),
    };

    /// <summary>
    /// "{prefix}.{db}." as the generated topics of <paramref name="db"/>'s collections begin, with the database's name
    /// sanitised as the mapper sanitises it (it has no '.', so the next dot ends it).
    /// </summary>
    private static string CollectionsStart(string prefix, string db)
    {
        var sample = TopicNames.Compose(prefix, db, "c");
        var end = sample.IndexOf('.', prefix.Length + 1);
        return end < 0 ? TopicNames.Compose(prefix, db, null) + "." : sample[..(end + 1)];
    }
}
