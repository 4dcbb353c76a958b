using Cdc.Connector.Registry;
using Cdc.Schemas.Avro;
using Cdc.Schemas.Mapping;
using Cdc.Schemas.Registry;
using Cdc.Schemas.Typed;
using Microsoft.Extensions.Logging;

namespace Cdc.Connector.Sink;

/// <summary>
/// The schema ledger of typed values (docs/typed-values.md): per value subject, the writer schema in force, its id and
/// its compiled plan. A namespace starts from the registry's latest version of its subject when there is one (so a
/// restart goes on where the last run stopped, and creates no version), else from its <see cref="TypedSchemaStart"/>.
/// A document that does not fit widens the schema; the widened schema is tested with the registry's compatibility
/// endpoint under the subject's own level, and registered only when it passes, so a version is created only for a
/// shape never seen before. A declared schema never widens.
/// </summary>
/// <remarks>
/// Used by the reading thread only, which it blocks while the registry is unreachable (retried, reported, as for the
/// envelope's <see cref="SchemaIdCache"/>). What no schema can take — a document that does not fit a declared schema,
/// a widening the registry calls incompatible, a document no Avro record can hold — is the event's error
/// (<see cref="ChangeEventMappingException"/>: dead-lettered, or the connector stops), never a coercion. A subject whose
/// latest version is not a typed value schema, or a refusal for any other reason, stops the connector
/// (<see cref="SchemaIdRegistrationException"/>) with the fix.
/// </remarks>
internal sealed class TypedSchemaLedger
{
    private readonly RegistryClient _client;
    private readonly SubjectNameStrategy _strategy;
    private readonly RegistryRetrier _retrier;
    private readonly ILogger _logger;
    private readonly Dictionary<NamespaceRoute, TypedLedgerEntry> _entries = new(ReferenceEqualityComparer.Instance);

    public TypedSchemaLedger(RegistryClient client, SubjectNameStrategy strategy, SchemaIdRetrySettings retry, ILogger logger, IRegistryRetryListener? listener = null)
    {
        _client = client;
        _strategy = strategy;
        _retrier = new RegistryRetrier(retry, logger, listener);
        _logger = logger;
    }

    /// <summary>Versions this ledger registered because a document did not fit (the first version of a subject is not counted).</summary>
    public int Widenings { get; private set; }

    /// <summary>The entry of <paramref name="route"/>, or null before its first document.</summary>
    public TypedLedgerEntry? Current(NamespaceRoute route) => _entries.GetValueOrDefault(route);

    /// <summary>
    /// The entry of <paramref name="route"/>, made on its first call: the subject's latest version when it has one,
    /// else the start <paramref name="starts"/> gives (declared, or the collection's validator, read only then), else <paramref name="firstDocument"/>'s shape, registered. The caller
    /// then writes the document, and calls <see cref="Widen"/> if it does not fit.
    /// </summary>
    public TypedLedgerEntry Resolve(NamespaceRoute route, TypedSchemaStarts starts, ReadOnlySpan<byte> firstDocument, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(route, out var known))
        {
            return known;
        }

        // A declared record keeps its own name, which the record-name strategies put in the subject.
        var envelope = route.Schemas.Value;
        var declared = starts.Declared(route);
        var subject = SubjectNames.For(_strategy, route.Topic, isKey: false, declared?.ValueSchema?.FullName ?? envelope.FullName);
        var latest = Call(subject, route.Topic, ct => _client.GetLatestAsync(subject, ct), cancellationToken);
        TypedLedgerEntry entry;
        if (latest is not null)
        {
            entry = new TypedLedgerEntry(Seed(subject, latest, declared?.Origin ?? TypedSchemaOrigin.Inferred), latest.Id, subject);
            TypedLedgerLog.Seeded(_logger, subject, latest.Version, latest.Id);
        }
        else
        {
            // Only a subject without versions asks for the start, which may read the collection's validator.
            var start = declared ?? starts.For(route);
            var schema = start.ValueSchema ?? Infer(envelope, firstDocument);
            var plan = TypedWritePlan.Compile(schema, start.Origin);
            var id = Call(subject, route.Topic, ct => _client.RegisterAsync(subject, schema.ToJson(), ct), cancellationToken);
            entry = new TypedLedgerEntry(plan, id, subject);
            TypedLedgerLog.Started(_logger, subject, id, start.Origin);
        }

        _entries.Add(route, entry);
        return entry;
    }

    /// <summary>
    /// The entry after <paramref name="document"/>, which does not fit <paramref name="current"/>, widened it: tested
    /// with the registry's compatibility endpoint, then registered. Throws <see cref="ChangeEventMappingException"/>
    /// when no compatible schema can take the document.
    /// </summary>
    public TypedLedgerEntry Widen(NamespaceRoute route, TypedLedgerEntry current, ReadOnlySpan<byte> document, string misfit, CancellationToken cancellationToken)
    {
        var subject = current.Subject;
        if (current.Plan.Origin == TypedSchemaOrigin.Declared)
        {
            throw new ChangeEventMappingException(
                "fullDocument",
                $"the document does not fit the schema declared for {Describe(route)} (mapping.schemas): {misfit}. Declared schemas never widen: correct the document at the source or widen the .avsc");
        }

        AvroRecordSchema? widened;
        try
        {
            widened = TypedSchemaBuilder.Widen(current.Plan.Schema, document);
        }
        catch (TypedSchemaException e)
        {
            throw new ChangeEventMappingException("fullDocument", e.Message, e);
        }

        if (widened is null)
        {
            // The writer's misfit and the builder's verdict are two readings of one rule; disagreeing is a bug.
            throw new InvalidOperationException($"The typed writer found a misfit in a document of {Describe(route)} ({misfit}) that the schema builder says fits schema id {current.SchemaId}.");
        }

        var (entry, refusal) = Register(route, current, widened, misfit, cancellationToken);
        if (entry is not null)
        {
            return entry;
        }

        throw new ChangeEventMappingException(
            "fullDocument",
            $"the document does not fit the schema of {Describe(route)} ({misfit}), and the widened schema is not compatible under subject '{subject}''s compatibility level ({refusal}). "
            + "Publishing it would break the subject's consumers; relax the subject's level (e.g. BACKWARD, PUT /config/" + subject + "), or correct the document at the source");
    }

    /// <summary>
    /// After a change of the collection's validator (a <c>modify</c> event): the fields its <c>$jsonSchema</c> declares
    /// that <paramref name="route"/>'s schema lacks are appended, tested and registered, so consumers see them before the
    /// first document brings them. Other changes come with the documents, as ever. Not for a declared schema or a
    /// namespace not yet started; a refusal is logged, never the event's error: the documents still widen one by one.
    /// </summary>
    public void AddValidatorFields(NamespaceRoute route, AvroRecordSchema validatorRecord, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(route, out var current) || current.Plan.Origin == TypedSchemaOrigin.Declared)
        {
            return;
        }

        if (TypedValueSchemas.AddMissingFields(current.Plan.Schema, validatorRecord) is not { } widened)
        {
            return;
        }

        var (entry, refusal) = Register(route, current, widened, "fields the collection's new validator declares", cancellationToken);
        if (entry is null)
        {
            TypedLedgerLog.ValidatorFieldsRefused(_logger, current.Subject, refusal);
        }
    }

    /// <summary>
    /// Tests <paramref name="widened"/> under the subject's level and registers it: the new entry, or none and the
    /// registry's reasons when it calls the schema incompatible.
    /// </summary>
    private (TypedLedgerEntry? Entry, string Refusal) Register(NamespaceRoute route, TypedLedgerEntry current, AvroRecordSchema widened, string why, CancellationToken cancellationToken)
    {
        var subject = current.Subject;
        var json = widened.ToJson();
        var compatibility = Call(subject, route.Topic, ct => _client.TestCompatibilityAsync(subject, json, ct), cancellationToken);
        if (!compatibility.IsCompatible)
        {
            return (null, compatibility.Messages.Count == 0 ? "no reason given" : string.Join("; ", compatibility.Messages));
        }

        var id = Call(subject, route.Topic, ct => _client.RegisterAsync(subject, json, ct), cancellationToken);
        var entry = new TypedLedgerEntry(TypedWritePlan.Compile(widened, TypedSchemaOrigin.Inferred), id, subject);
        _entries[route] = entry;
        Widenings++;
        TypedLedgerLog.Widened(_logger, subject, id, why);
        return (entry, string.Empty);
    }

    private static TypedWritePlan Seed(string subject, RegisteredSubjectSchema latest, TypedSchemaOrigin origin)
    {
        try
        {
            return TypedValueSchemas.Accept(latest.SchemaJson, origin);
        }
        catch (TypedSchemaException e)
        {
            throw new SchemaIdRegistrationException(
                $"The latest version ({latest.Version}, id {latest.Id}) of subject '{subject}' is not a typed value schema: {e.Message} "
                + "Fix: the topic holds records of another shape (the envelope of mapping.value=envelope, or another producer's); publish typed values to another topic (kafka.topicPrefix or kafka.topics), or delete the subject's versions if nothing reads them.",
                e);
        }
    }

    private static AvroRecordSchema Infer(AvroRecordSchema envelope, ReadOnlySpan<byte> firstDocument)
    {
        try
        {
            return TypedSchemaBuilder.FromDocument(envelope.Name, envelope.Namespace, firstDocument);
        }
        catch (TypedSchemaException e)
        {
            throw new ChangeEventMappingException("fullDocument", e.Message, e);
        }
    }

    private static string Describe(NamespaceRoute route) => route.Coll is null ? route.Db ?? route.Topic : $"{route.Db}.{route.Coll}";

    private T Call<T>(string subject, string topic, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return _retrier.Run(subject, call, cancellationToken);
        }
        catch (RegistryRequestException ex)
        {
            throw new SchemaIdRegistrationException(SchemaIdCache.Describe(subject, isKey: false, topic, ex), ex);
        }
    }
}
