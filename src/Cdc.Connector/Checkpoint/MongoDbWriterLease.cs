using System.Buffers.Binary;
using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Cdc.Connector.Checkpoint;

/// <summary>
/// The one-writer lease of a pipeline in the mongodb store: a document <c>{_id: "&lt;pipeline&gt;.cdc-writer", owner,
/// epoch, expiresAt}</c> beside the checkpoint. Claimed with one conditional upsert (only when absent, expired or our
/// own), which increments <c>epoch</c>, the fencing token; renewed every third of <see cref="Duration"/>. Every checkpoint
/// save carries the epoch and only replaces a checkpoint written under the same or an older one, so an instance that
/// was paused past its lease and resumes cannot write once another took over: its save fails and it stops.
/// A holder killed with -9 stops renewing, and its lease expires within <see cref="Duration"/>: a new instance waits
/// for that rather than refusing, so a restart after a crash just takes a little longer. The lease times are this
/// host's clock: instances on hosts whose clocks disagree by more than a few seconds could overlap by that much.
/// </summary>
internal sealed class MongoDbWriterLease : IDisposable
{
    /// <summary>How long a claim lasts without renewal: how long a restart after kill -9 may wait.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private const string EpochField = "writerEpoch";
    private readonly IMongoCollection<BsonDocument> _collection;
    private readonly string _pipeline;
    private readonly string _leaseId;
    private readonly string _owner;
    private readonly TimeSpan _duration;
    private readonly Lock _gate = new();
    private Timer? _renewal;
    private long _epoch;
    private DateTime _expiresAt;
    private string? _lostBecause;

    public MongoDbWriterLease(IMongoCollection<BsonDocument> collection, string pipeline, TimeSpan duration)
    {
        _collection = collection;
        _pipeline = pipeline;
        _leaseId = pipeline + ".cdc-writer";
        _duration = duration;
        _owner = WriterIdentity.Describe(DateTimeOffset.UtcNow) + " id " + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The lease document's _id, for messages.</summary>
    public string LeaseId => _leaseId;

    /// <summary>Claims the lease, waiting up to one lease duration for a holder that stopped renewing; throws <see cref="CheckpointStoreException"/> when a live holder keeps it.</summary>
    public async Task ClaimAsync(string description, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + _duration + TimeSpan.FromSeconds(2);
        while (true)
        {
            var now = DateTime.UtcNow;
            var filter = Builders<BsonDocument>.Filter.Eq("_id", _leaseId)
                & (Builders<BsonDocument>.Filter.Lt("expiresAt", now) | Builders<BsonDocument>.Filter.Eq("owner", _owner));
            var update = Builders<BsonDocument>.Update
                .Set("owner", _owner)
                .Set("expiresAt", now + _duration)
                .Inc("epoch", 1L);
            try
            {
                // An update then a read, not findAndModify (the cdc sandbox has no findAndModify): the owner in the
                // filter of the read is ours, and nobody else can claim an unexpired lease in between.
                await _collection.UpdateOneAsync(filter, update, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
                var claimed = await _collection.Find(Builders<BsonDocument>.Filter.Eq("_id", _leaseId) & Builders<BsonDocument>.Filter.Eq("owner", _owner))
                    .FirstAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _epoch = claimed["epoch"].ToInt64();
                    _expiresAt = now + _duration;
                }

                break;
            }
            catch (MongoCommandException ex) when (IsDuplicateKey(ex))
            {
                // Held by another owner: the upsert collided with its document.
            }
            catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
            {
            }

            var holder = await _collection.Find(Builders<BsonDocument>.Filter.Eq("_id", _leaseId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (DateTime.UtcNow >= giveUpAt && holder is not null)
            {
                var who = holder.GetValue("owner", "an unknown owner").ToString();
                var until = holder.GetValue("expiresAt", BsonNull.Value) is BsonDateTime expires
                    ? expires.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                    : "unknown";
                throw new CheckpointStoreException(
                    $"Another cdc run holds pipeline '{_pipeline}' ({who}): its lease {_leaseId} in {description} is renewed until {until}. "
                    + "Stop it first, or give this one its own pipeline.name. A holder that was killed lets go within "
                    + $"{_duration.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        // Fence the checkpoint itself: from now on a save under an older epoch no longer matches it.
        var older = Builders<BsonDocument>.Filter.Eq("_id", _pipeline)
            & (Builders<BsonDocument>.Filter.Lt(EpochField, _epoch) | Builders<BsonDocument>.Filter.Exists(EpochField, exists: false));
        await _collection.UpdateOneAsync(older, Builders<BsonDocument>.Update.Set(EpochField, _epoch), cancellationToken: cancellationToken).ConfigureAwait(false);
        var period = _duration / 3;
        _renewal = new Timer(_ => Renew(), null, period, period);
    }

    /// <summary>The filter a save must match, and its document with the epoch added; throws <see cref="WriterFencedException"/> once the lease is lost.</summary>
    public (BsonDocument Filter, byte[] Document) Fence(byte[] checkpointDocument)
    {
        long epoch;
        lock (_gate)
        {
            if (_lostBecause is null && DateTime.UtcNow >= _expiresAt)
            {
                _lostBecause = $"its lease {_leaseId} expired at {_expiresAt:yyyy-MM-ddTHH:mm:ssZ} before it could be renewed";
            }

            if (_lostBecause is { } reason)
            {
                throw Fenced(reason);
            }

            epoch = _epoch;
        }

        var filter = new BsonDocument
        {
            { "_id", _pipeline },
            { "$or", new BsonArray { new BsonDocument(EpochField, new BsonDocument("$lte", epoch)), new BsonDocument(EpochField, new BsonDocument("$exists", false)) } },
        };
        return (filter, WithEpoch(checkpointDocument, epoch));
    }

    /// <summary>A save under our epoch found a newer one: another instance claimed the pipeline.</summary>
    public WriterFencedException SaveFenced()
    {
        lock (_gate)
        {
            _lostBecause ??= $"the checkpoint was claimed under a newer epoch than this instance's {_epoch}";
            return Fenced(_lostBecause);
        }
    }

    /// <summary>Stops renewing and lets the lease go at once, so a restart after a graceful stop does not wait.</summary>
    public void Dispose()
    {
        _renewal?.Dispose();
        _renewal = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            _collection.UpdateOne(
                Builders<BsonDocument>.Filter.Eq("_id", _leaseId) & Builders<BsonDocument>.Filter.Eq("owner", _owner),
                Builders<BsonDocument>.Update.Set("expiresAt", DateTime.UnixEpoch),
                cancellationToken: timeout.Token);
        }
#pragma warning disable CA1031 // Best effort: an unreleased lease expires by itself.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void Renew()
    {
        var now = DateTime.UtcNow;
        long epoch;
        lock (_gate)
        {
            if (_lostBecause is not null)
            {
                return;
            }

            epoch = _epoch;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_duration / 3);
            var result = _collection.UpdateOne(
                Builders<BsonDocument>.Filter.Eq("_id", _leaseId) & Builders<BsonDocument>.Filter.Eq("owner", _owner) & Builders<BsonDocument>.Filter.Eq("epoch", epoch),
                Builders<BsonDocument>.Update.Set("expiresAt", now + _duration),
                cancellationToken: timeout.Token);
            lock (_gate)
            {
                if (result.MatchedCount == 1)
                {
                    _expiresAt = now + _duration;
                }
                else
                {
                    _lostBecause ??= $"its lease {_leaseId} was claimed by another instance";
                }
            }
        }
#pragma warning disable CA1031 // MongoDB unreachable: the next tick tries again; a save after the expiry is refused.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private WriterFencedException Fenced(string reason) => new(
        $"Another cdc run took over pipeline '{_pipeline}' ({reason}), so this one ({_owner}) may not write its checkpoint again and stops. "
        + "Run one instance per pipeline.name; give a second pipeline its own name.");

    private static bool IsDuplicateKey(MongoCommandException ex) => ex.Code == 11000;

    /// <summary>The BSON document with an int64 element writerEpoch appended before its terminating zero.</summary>
    private static byte[] WithEpoch(byte[] document, long epoch)
    {
        var name = "writerEpoch\0"u8;
        var result = new byte[document.Length + 1 + name.Length + 8];
        document.AsSpan(0, document.Length - 1).CopyTo(result);
        var at = document.Length - 1;
        result[at++] = 0x12;
        name.CopyTo(result.AsSpan(at));
        at += name.Length;
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(at), epoch);
        result[^1] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(result, result.Length);
        return result;
    }
}
