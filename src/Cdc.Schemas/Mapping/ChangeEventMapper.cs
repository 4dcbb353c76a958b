using System.Buffers;
using System.Text;
using Cdc.Schemas.Bson;
using Cdc.Schemas.ExtendedJson;

namespace Cdc.Schemas.Mapping;

/// <summary>
/// Maps one raw change event (BSON) to the Kafka key and value of the envelope (docs/mapping.md), in one pass and without an
/// intermediate document: the top level is scanned once for spans, every Extended JSON text is rendered into a reused
/// scratch buffer, and only then is Avro written. So a malformed event throws before anything is written to the
/// caller's buffers, and a returned <see cref="MappedEvent"/> always describes complete output.
/// Not thread-safe: one mapper per pipeline thread.
/// </summary>
internal sealed class ChangeEventMapper
{
    private readonly NamespaceRouteTable _routes;
    private readonly OperationTypeCache _operationTypes = new();
    /// <summary>A scratch buffer grown past this by one event is let go after it (<see cref="TrimAfterLargeEvent"/>).</summary>
    public const int RetainedScratchBytes = 8 * 1024 * 1024;

    private const int InitialScratchBytes = 16 * 1024;

    private ArrayBufferWriter<byte> _scratch = new(InitialScratchBytes);

    public ChangeEventMapper(MappingOptions options)
    {
        Options = options;
        _routes = new NamespaceRouteTable(options);
    }

    public MappingOptions Options { get; }

    /// <summary>The scratch buffer's capacity now (for tests of the memory bound).</summary>
    public int ScratchCapacity => _scratch.Capacity;

    /// <summary>
    /// After an event whose Extended JSON grew the scratch buffer past <see cref="RetainedScratchBytes"/> (an event of
    /// tens of MB, reassembled from fragments), starts again with a small one, so that one such event does not pin twice
    /// its size for the life of the process. Costs a comparison otherwise.
    /// </summary>
    public void TrimAfterLargeEvent()
    {
        if (_scratch.Capacity > RetainedScratchBytes)
        {
            _scratch = new ArrayBufferWriter<byte>(InitialScratchBytes);
        }
    }

    /// <summary>
    /// The route of collection <paramref name="db"/>.<paramref name="coll"/>: the very object <see cref="Map"/> gives its
    /// events (the route table keeps it), so what is cached per route before the first event (schema ids) is found by
    /// them. Throws <see cref="TopicCollisionException"/> as the collection's first event would.
    /// </summary>
    public NamespaceRoute RouteOf(string db, string coll)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(coll);
        return _routes.Resolve(hasNamespace: true, Encoding.UTF8.GetBytes(db), hasCollection: true, Encoding.UTF8.GetBytes(coll));
    }

    /// <summary>
    /// Maps <paramref name="eventBson"/>, appending the Avro key record to <paramref name="key"/> (when
    /// <see cref="MappedEvent.Key"/> is <see cref="MappedKey.Written"/>) and the envelope to <paramref name="value"/>
    /// (unless <see cref="MappedEvent.Skipped"/>). Neither has framing. Throws <see cref="ChangeEventMappingException"/>
    /// for malformed events, having written nothing.
    /// </summary>
    public MappedEvent Map(ReadOnlySpan<byte> eventBson, IBufferWriter<byte> key, IBufferWriter<byte> value) =>
        MapEnvelope(eventBson, key, value, OmittedBodies.None);

    /// <summary>
    /// Maps <paramref name="eventBson"/> as <see cref="Map"/> does, except that each body named in
    /// <paramref name="omitted"/> that the event carries is written as its <see cref="OmittedBodyMarker"/> instead of
    /// its Extended JSON. The schema is the same: only the text of those string fields changes.
    /// </summary>
    public MappedEvent MapOmitting(ReadOnlySpan<byte> eventBson, IBufferWriter<byte> key, IBufferWriter<byte> value, OmittedBodies omitted) =>
        MapEnvelope(eventBson, key, value, omitted);

    /// <summary>
    /// mapping.oversize=reference: maps <paramref name="eventBson"/> again and again, each time replacing one more body
    /// (the largest rendered one first, among fullDocument, fullDocumentBeforeChange, updateDescription.updatedFields and
    /// operationDescription) until <paramref name="fits"/> accepts the key payload (null without a key record), the value
    /// payload and the comma-separated omitted paths, or every body is replaced. The rare path of an oversized record, so
    /// it allocates freely. Throws <see cref="ChangeEventMappingException"/> as <see cref="Map"/> does.
    /// </summary>
    public ReferencedEvent MapReferencing(ReadOnlySpan<byte> eventBson, Func<byte[]?, byte[], string, bool> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var omitted = OmittedBodies.None;
        var paths = new List<string>();
        ReferencedEvent? attempt = null;
        foreach (var body in BodiesLargestFirst(eventBson))
        {
            omitted |= body;
            paths.Add(OmittedBodyMarker.PathOf(body));
            attempt = MapToArrays(eventBson, omitted, paths, fits);
            if (attempt.Fits)
            {
                return attempt;
            }
        }

        // No body to replace at all: the plain mapping, judged the same way.
        return attempt ?? MapToArrays(eventBson, omitted, paths, fits);
    }

    /// <summary>The bodies <paramref name="eventBson"/> carries, the largest Extended JSON first (ties in envelope order).</summary>
    public IReadOnlyList<OmittedBodies> BodiesLargestFirst(ReadOnlySpan<byte> eventBson)
    {
        var fields = default(ChangeEventFields);
        ChangeEventScanner.Scan(eventBson, ref fields);
        _scratch.ResetWrittenCount();
        var mode = Options.JsonMode;
        var sizes = new List<(OmittedBodies Body, int Length)>(4);
        AddSize(sizes, OmittedBodies.FullDocument, Render(fields.FullDocument, fields.FullDocumentOffset, mode, "fullDocument"));
        AddSize(sizes, OmittedBodies.FullDocumentBeforeChange, Render(fields.FullDocumentBeforeChange, fields.FullDocumentBeforeChangeOffset, mode, "fullDocumentBeforeChange"));
        AddSize(sizes, OmittedBodies.UpdatedFields, Render(fields.UpdatedFields, fields.UpdatedFieldsOffset, mode, "updateDescription.updatedFields"));
        AddSize(sizes, OmittedBodies.OperationDescription, Render(fields.OperationDescription, fields.OperationDescriptionOffset, mode, "operationDescription"));

        // OrderByDescending is stable: equal lengths keep the envelope's order.
        return sizes.OrderByDescending(size => size.Length).Select(size => size.Body).ToArray();
    }

    /// <summary>
    /// A very large event's Extended JSON goes into a scratch buffer sized once for it (its BSON size and a quarter more,
    /// for escapes and base64), rather than one grown through every power of two up to it: those copies, all alive until
    /// the next collection, raised the connector's peak memory for each such event (docs/large-events.md).
    /// </summary>
    private void ReserveScratch(int eventBytes)
    {
        if (eventBytes < RetainedScratchBytes / 2)
        {
            return;
        }

        var wanted = eventBytes + (eventBytes / 4);
        if (_scratch.Capacity < wanted)
        {
            _scratch = new ArrayBufferWriter<byte>(wanted);
        }
    }

    private static void AddSize(List<(OmittedBodies Body, int Length)> sizes, OmittedBodies body, TextRange rendered)
    {
        if (rendered.IsPresent)
        {
            sizes.Add((body, rendered.Length));
        }
    }

    private ReferencedEvent MapToArrays(ReadOnlySpan<byte> eventBson, OmittedBodies omitted, List<string> paths, Func<byte[]?, byte[], string, bool> fits)
    {
        var key = new ArrayBufferWriter<byte>();
        var value = new ArrayBufferWriter<byte>();
        var mapped = MapEnvelope(eventBson, key, value, omitted);
        var keyBytes = mapped.Key == MappedKey.Written ? key.WrittenSpan.ToArray() : null;
        var valueBytes = value.WrittenSpan.ToArray();
        var omittedPaths = paths.ToArray();
        return new ReferencedEvent(mapped, keyBytes, valueBytes, omittedPaths, fits(keyBytes, valueBytes, string.Join(',', omittedPaths)));
    }

    private MappedEvent MapEnvelope(ReadOnlySpan<byte> eventBson, IBufferWriter<byte> key, IBufferWriter<byte> value, OmittedBodies omitted)
    {
        var fields = default(ChangeEventFields);
        ChangeEventScanner.Scan(eventBson, ref fields);
        ReserveScratch(eventBson.Length);

        var route = _routes.Resolve(fields.HasNs, fields.NsDb, fields.HasNsColl, fields.NsColl);
        var operationType = _operationTypes.Get(fields.OperationType);
        var eventTimeMs = fields.HasWallTime ? fields.WallTime : fields.ClusterTime.Seconds * 1000L;
        var keyless = fields.DocumentKey.IsEmpty;
        if (keyless && Options.KeylessEvents == KeylessEventPolicy.Skip)
        {
            return new MappedEvent(route, operationType, MappedKey.Null, skipped: true, tombstoneFollows: false, eventTimeMs);
        }

        _scratch.ResetWrittenCount();
        var rendered = Render(ref fields, omitted);
        var scratch = _scratch.WrittenSpan;

        var mappedKey = MappedKey.Null;
        if (!keyless)
        {
            EnvelopeWriter.WriteKey(key, Slice(scratch, rendered.DocumentKey));
            mappedKey = MappedKey.Written;
        }
        else if (Options.KeylessEvents == KeylessEventPolicy.NamespaceKey)
        {
            EnvelopeWriter.WriteKey(key, route.NamespaceKeyJson);
            mappedKey = MappedKey.Written;
        }

        EnvelopeWriter.WriteValue(value, ref fields, scratch, in rendered);

        var tombstone = Options.TombstonesOnDelete
            && mappedKey == MappedKey.Written
            && string.Equals(operationType, OperationTypeCache.Delete, StringComparison.Ordinal);
        return new MappedEvent(route, operationType, mappedKey, skipped: false, tombstone, eventTimeMs);
    }

    /// <summary>
    /// Maps <paramref name="eventBson"/> for typed values (mapping.value=document): writes the key as
    /// <see cref="Map"/> does and no value; <paramref name="parts"/> holds what the typed value is written from.
    /// Throws <see cref="ChangeEventMappingException"/> for malformed events, having written nothing.
    /// </summary>
    public MappedEvent MapForTypedValue(ReadOnlySpan<byte> eventBson, IBufferWriter<byte> key, out TypedEventParts parts)
    {
        var fields = default(ChangeEventFields);
        ChangeEventScanner.Scan(eventBson, ref fields);

        var route = _routes.Resolve(fields.HasNs, fields.NsDb, fields.HasNsColl, fields.NsColl);
        var operationType = _operationTypes.Get(fields.OperationType);
        var eventTimeMs = fields.HasWallTime ? fields.WallTime : fields.ClusterTime.Seconds * 1000L;
        parts = new TypedEventParts
        {
            Document = fields.FullDocument,
            DocumentOffset = fields.FullDocumentOffset,
            Metadata = new Typed.CdcMetadata
            {
                Operation = fields.OperationType,
                Database = fields.NsDb,
                Collection = fields.NsColl,
                HasCollection = fields.HasNsColl,
                ResumeToken = fields.ResumeToken,
                ClusterTime = fields.ClusterTime,
                HasWallTime = fields.HasWallTime,
                WallTimeMilliseconds = fields.WallTime,
            },
        };

        var keyless = fields.DocumentKey.IsEmpty;
        if ((keyless && Options.KeylessEvents == KeylessEventPolicy.Skip) || IsChangeWithoutDocument(operationType, fields.FullDocument))
        {
            return new MappedEvent(route, operationType, MappedKey.Null, skipped: true, tombstoneFollows: false, eventTimeMs);
        }

        var mappedKey = MappedKey.Null;
        if (!keyless)
        {
            _scratch.ResetWrittenCount();
            var documentKey = Render(fields.DocumentKey, fields.DocumentKeyOffset, ExtendedJsonMode.Canonical, "documentKey");
            EnvelopeWriter.WriteKey(key, Slice(_scratch.WrittenSpan, documentKey));
            mappedKey = MappedKey.Written;
        }
        else if (Options.KeylessEvents == KeylessEventPolicy.NamespaceKey)
        {
            EnvelopeWriter.WriteKey(key, route.NamespaceKeyJson);
            mappedKey = MappedKey.Written;
        }

        var tombstone = Options.TombstonesOnDelete
            && mappedKey == MappedKey.Written
            && string.Equals(operationType, OperationTypeCache.Delete, StringComparison.Ordinal);
        return new MappedEvent(route, operationType, mappedKey, skipped: false, tombstone, eventTimeMs);
    }

    /// <summary>
    /// An update or replace that arrived without its document: with updateLookup the document was deleted before the
    /// stream read the update (its delete follows), with post-images the image was not kept. A typed value carries
    /// state, and one with every field null would overwrite a sink's row with nulls; such an event is skipped and
    /// counted instead, its position committed as usual (docs/typed-values.md).
    /// </summary>
    private static bool IsChangeWithoutDocument(string operationType, ReadOnlySpan<byte> fullDocument) =>
        fullDocument.IsEmpty && operationType is OperationTypeCache.Update or OperationTypeCache.Replace;

    internal static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> scratch, TextRange range) => scratch.Slice(range.Start, range.Length);

    private RenderedFields Render(ref ChangeEventFields fields, OmittedBodies omitted)
    {
        var mode = Options.JsonMode;
        return new RenderedFields
        {
            DocumentKey = Render(fields.DocumentKey, fields.DocumentKeyOffset, ExtendedJsonMode.Canonical, "documentKey"),
            FullDocument = RenderBody(fields.FullDocument, fields.FullDocumentOffset, mode, "fullDocument", (omitted & OmittedBodies.FullDocument) != 0),
            FullDocumentBeforeChange = RenderBody(
                fields.FullDocumentBeforeChange, fields.FullDocumentBeforeChangeOffset, mode, "fullDocumentBeforeChange", (omitted & OmittedBodies.FullDocumentBeforeChange) != 0),
            UpdatedFields = RenderBody(fields.UpdatedFields, fields.UpdatedFieldsOffset, mode, "updateDescription.updatedFields", (omitted & OmittedBodies.UpdatedFields) != 0),
            DisambiguatedPaths = Render(fields.DisambiguatedPaths, fields.DisambiguatedPathsOffset, mode, "updateDescription.disambiguatedPaths"),
            Lsid = Render(fields.Lsid, fields.LsidOffset, ExtendedJsonMode.Canonical, "lsid"),
            OperationDescription = RenderBody(
                fields.OperationDescription, fields.OperationDescriptionOffset, mode, "operationDescription", (omitted & OmittedBodies.OperationDescription) != 0),
        };
    }

    /// <summary>A body as Extended JSON, or its <see cref="OmittedBodyMarker"/> when it is left out of the record.</summary>
    private TextRange RenderBody(ReadOnlySpan<byte> document, int offset, ExtendedJsonMode mode, string field, bool omit)
    {
        if (!omit || document.IsEmpty)
        {
            return Render(document, offset, mode, field);
        }

        var start = _scratch.WrittenCount;
        OmittedBodyMarker.Write(document, _scratch);
        return new TextRange(start, _scratch.WrittenCount - start);
    }

    private TextRange Render(ReadOnlySpan<byte> document, int offset, ExtendedJsonMode mode, string field)
    {
        if (document.IsEmpty)
        {
            return TextRange.None;
        }

        var start = _scratch.WrittenCount;
        try
        {
            ExtendedJsonWriter.WriteDocument(document, _scratch, mode);
        }
        catch (BsonFormatException ex)
        {
            // The writer counts from the field's own first byte; add where the field starts in the event.
            throw new ChangeEventMappingException(
                field, $"malformed BSON at event offset {offset + ex.Offset}: {ex.Problem}", ex);
        }

        return new TextRange(start, _scratch.WrittenCount - start);
    }
}
