// Snapshot-style reads through the official Node.js driver: a 50,000-document collection read in chunks of 1,000 by
// _id range (find {_id: {$gt: last}}, sort {_id: 1}, limit, readConcern majority) comes back whole, in _id order, each
// document once; range reads over _ids of mixed types keep MongoDB's type bracketing; estimatedDocumentCount (the count
// command) and $collStats estimate the collection; readConcern levels, a causally consistent session's
// afterClusterTime and a read's operationTime behave as on a server, and a snapshot session's read is refused.
// stdin: {"uri": "..."}. Prints {"ok": true, "chunkedReadMs": …} on success (the time is informational, never judged).
import { BSON, Decimal128, Double, Long, MaxKey, MinKey, MongoClient, ObjectId } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

const TOTAL = 50_000;
const CHUNK = 1_000;

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, monitorCommands: true });
  const started = [];
  client.on('commandStarted', (event) => started.push(event));
  await client.connect();
  try {
    const db = client.db('snapshot');
    const chunkedReadMs = await chunkedRead(db, started);
    await mixedTypeRanges(db);
    await estimates(db);
    await readConcerns(client, db, started);
    console.log(JSON.stringify({ ok: true, chunkedReadMs }));
  } finally {
    await client.close();
  }
});

async function chunkedRead(db, started) {
  const items = db.collection('items', { readConcern: { level: 'majority' } });

  // Inserted in a shuffled order, so _id order is not insertion order.
  const ids = Array.from({ length: TOTAL }, () => new ObjectId());
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  for (let i = 0; i < TOTAL; i += 5_000) {
    await items.insertMany(ids.slice(i, i + 5_000).map((_id, k) => ({ _id, n: i + k, pad: 'p'.repeat(64) })));
  }

  const begun = performance.now();
  const seen = [];
  let last = null;
  let chunks = 0;
  for (;;) {
    const filter = last === null ? {} : { _id: { $gt: last } };
    const chunk = await items.find(filter).sort({ _id: 1 }).limit(CHUNK).toArray();
    if (chunk.length === 0) break;
    expectTrue(chunk.length <= CHUNK, `chunk ${chunks} has at most ${CHUNK} documents`);
    chunks += 1;
    for (const doc of chunk) seen.push(doc._id.toHexString());
    last = chunk[chunk.length - 1]._id;
  }
  const chunkedReadMs = Math.round(performance.now() - begun);

  const expected = ids.map((id) => id.toHexString()).sort();
  expectEqual(chunks, TOTAL / CHUNK, 'chunks read');
  expectEqual(seen.length, TOTAL, 'documents read');
  expectEqual(new Set(seen).size, TOTAL, 'distinct documents read');
  const outOfOrder = seen.findIndex((hex, i) => hex !== expected[i]);
  expectEqual(outOfOrder, -1, 'first position where the chunks leave _id order');

  const finds = started.filter((event) => event.commandName === 'find' && event.databaseName === 'snapshot' && event.command.find === 'items');
  expectEqual(finds.length, chunks + 1, 'one find per chunk, and the last, empty one');
  expectTrue(finds.every((event) => event.command.readConcern?.level === 'majority'), 'every chunk read sent readConcern majority');

  // The whole collection in one cursor: batches as getMore asks, every document once.
  const all = await items.find({}, { projection: { _id: 1 } }).toArray();
  expectEqual(all.length, TOTAL, 'one find of everything');
  expectEqual(all.map((doc) => doc._id.toHexString()).join(), expected.join(), 'one find of everything, in _id order');

  // Ranges bound on both sides, both directions.
  const from = ObjectId.createFromHexString(expected[10_000]);
  const to = ObjectId.createFromHexString(expected[10_010]);
  const inside = await items.find({ _id: { $gte: from, $lt: to } }).sort({ _id: -1 }).toArray();
  expectEqual(inside.map((doc) => doc._id.toHexString()), expected.slice(10_000, 10_010).reverse(), 'a bounded range read backwards');
  expectEqual(await items.countDocuments({ _id: { $gt: from } }), TOTAL - 10_001, 'countDocuments over a range');
  return chunkedReadMs;
}

async function mixedTypeRanges(db) {
  const mixed = db.collection('mixed');
  const values = [
    new MaxKey(), true, new Date(0), new ObjectId('650000000000000000000001'), { a: 1 }, 'b', 'a',
    Decimal128.fromString('4.5'), 7, Long.fromNumber(4), new Double(2.5), 1, new MinKey(),
  ]; // (no null: the driver replaces a null _id with a new ObjectId)
  await mixed.insertMany(values.map((_id) => ({ _id })));
  const ids = async (filter, direction = 1) =>
    (await mixed.find(filter).sort({ _id: direction }).toArray()).map((doc) => BSON.EJSON.stringify(doc._id, { relaxed: true }));

  expectEqual(await ids({ _id: { $gt: 2 } }), ['2.5', '4', '{"$numberDecimal":"4.5"}', '7'], '$gt 2: numbers only');
  expectEqual(await ids({ _id: { $lt: 'b' } }, -1), ['"a"'], '$lt "b": strings only');
  expectEqual(await ids({ _id: { $gte: 1, $lte: 4 } }, -1), ['4', '2.5', '1'], 'a numeric range backwards');
  expectEqual((await ids({ _id: { $gt: new MinKey() } })).length, values.length - 1, '$gt MinKey: every type');
  expectEqual(await ids({ _id: { $gte: new MaxKey() } }), ['{"$maxKey":1}'], '$gte MaxKey');
  expectEqual(
    await ids({}),
    ['{"$minKey":1}', '1', '2.5', '4', '{"$numberDecimal":"4.5"}', '7', '"a"', '"b"', '{"a":1}',
      '{"$oid":"650000000000000000000001"}', 'true', '{"$date":"1970-01-01T00:00:00Z"}', '{"$maxKey":1}'],
    'the _id order across types');

  // $type, as keyset pagination moves from one type bracket to the later ones.
  expectEqual(await ids({ _id: { $type: 'number' } }), ['1', '2.5', '4', '{"$numberDecimal":"4.5"}', '7'], '$type number');
  expectEqual(await ids({ _id: { $type: [8, 9, 127] } }), ['true', '{"$date":"1970-01-01T00:00:00Z"}', '{"$maxKey":1}'], '$type by numbers');
  expectEqual(await ids({ _id: { $type: ['objectId', 'minKey'] } }), ['{"$minKey":1}', '{"$oid":"650000000000000000000001"}'], '$type by aliases');
  expectEqual(await ids({ _id: { $type: 'long' } }), ['4'], '$type long');
  await expectError(() => mixed.find({ _id: { $type: 'nosuch' } }).toArray(), (error) => expectEqual(error.code, 2, '$type with an unknown alias'));
  await expectError(() => mixed.find({ _id: { $type: 99 } }).toArray(), (error) => expectEqual(error.code, 2, '$type with an unknown number'));
  const tagged = db.collection('typed');
  await tagged.insertMany([{ _id: 1, a: [1, 'x'] }, { _id: 2, a: 'y' }, { _id: 3 }]);
  expectEqual((await tagged.find({ a: { $type: 'string' } }).sort({ _id: 1 }).toArray()).map((d) => d._id), [1, 2], '$type matches an array element');
  expectEqual((await tagged.find({ a: { $type: 'array' } }).toArray()).map((d) => d._id), [1], '$type array');

  const aggregated = await mixed.aggregate([{ $match: { _id: { $gte: 1 } } }, { $sort: { _id: -1 } }, { $skip: 1 }, { $limit: 2 }]).toArray();
  expectEqual(aggregated.map((doc) => BSON.EJSON.stringify(doc._id, { relaxed: true })), ['{"$numberDecimal":"4.5"}', '4'], 'aggregate over an _id range');
}

async function estimates(db) {
  const items = db.collection('items');
  expectEqual(await items.estimatedDocumentCount(), TOTAL, 'estimatedDocumentCount');
  expectEqual(await db.collection('missing').estimatedDocumentCount(), 0, 'estimatedDocumentCount of a missing collection');

  const [stats] = await items.aggregate([{ $collStats: { count: {}, storageStats: {} } }]).toArray();
  expectEqual(stats.ns, 'snapshot.items', '$collStats ns');
  expectEqual(stats.count, TOTAL, '$collStats count');
  expectEqual(stats.storageStats.count, TOTAL, '$collStats storageStats.count');
  expectTrue(stats.storageStats.size > TOTAL * 64, `$collStats storageStats.size ${stats.storageStats.size}`);
  expectEqual(stats.storageStats.avgObjSize, Math.floor(stats.storageStats.size / TOTAL), '$collStats avgObjSize');
  expectEqual(stats.storageStats.nindexes, 1, '$collStats nindexes');

  await expectError(
    () => db.collection('missing').aggregate([{ $collStats: { storageStats: {} } }]).toArray(),
    (error) => expectEqual(error.code, 26, '$collStats on a missing collection'),
    '$collStats on a missing collection');
}

async function readConcerns(client, db, started) {
  const optime = db.collection('optime');
  for (const level of ['local', 'majority', 'available', 'linearizable']) {
    await db.collection('optime', { readConcern: { level } }).findOne({});
  }

  await expectError(
    () => db.command({ find: 'optime', filter: {}, readConcern: { level: 'eventual' } }),
    (error) => expectEqual(error.code, 9, 'an unknown readConcern level'),
    'an unknown readConcern level');

  // A read's operationTime is the time of the latest write.
  const inserted = await db.command({ insert: 'optime', documents: [{ _id: 1 }] });
  const read = await db.command({ find: 'optime', filter: {}, readConcern: { level: 'majority' } });
  expectTrue(read.operationTime.equals(inserted.operationTime), `find operationTime ${read.operationTime} equals the insert's ${inserted.operationTime}`);
  expectTrue(read.$clusterTime.clusterTime.equals(inserted.operationTime), 'find $clusterTime is the latest write');

  // A causally consistent session reads after its own write: the driver sends afterClusterTime.
  const session = client.startSession({ causalConsistency: true });
  try {
    await optime.insertOne({ _id: 2 }, { session });
    const written = session.operationTime;
    const found = await optime.findOne({ _id: 2 }, { session });
    expectEqual(found?._id, 2, 'a causal read finds the session\'s write');
    const causal = started.filter((event) => event.commandName === 'find' && event.command.find === 'optime').at(-1);
    expectTrue(causal.command.readConcern?.afterClusterTime?.equals(written), 'the causal read carried afterClusterTime');
  } finally {
    await session.endSession();
  }

  // Reading at a point in time (snapshot sessions) is not emulated: refused, not silently read at the latest state.
  const snapshot = client.startSession({ snapshot: true });
  try {
    await expectError(
      () => optime.findOne({}, { session: snapshot }),
      (error) => {
        expectEqual(error.code, 72, 'a snapshot session read');
        expectTrue(error.message.includes('not emulated'), `the refusal says so: ${error.message}`);
      },
      'a snapshot session read');
  } finally {
    await snapshot.endSession();
  }
}
