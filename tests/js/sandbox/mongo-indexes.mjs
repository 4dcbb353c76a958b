// Index commands through the official Node.js driver: createIndex/listIndexes/dropIndex, their error codes, and the
// createIndexes/dropIndexes change events that only a showExpandedEvents stream reports.
// stdin: {"uri": "..."}. Prints {"ok": true, ...} on success; exits non-zero naming the first mismatch.
import { MongoClient, Binary, Timestamp } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take, expectNoMore } from './mongo-changestream-common.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('ix');
    await db.createCollection('people');
    const people = db.collection('people');
    const expanded = await openStream(people, [], { showExpandedEvents: true });
    const plain = await openStream(people);

    expectEqual(await people.createIndex({ name: 1 }), 'name_1', 'createIndex returns the generated name');
    expectEqual(await people.createIndex({ email: 1 }, { unique: true, name: 'by_email' }), 'by_email', 'named unique index');
    expectEqual(await people.createIndex({ name: 1 }), 'name_1', 'an identical createIndex is a no-op');
    const listed = await people.listIndexes().toArray();
    expectEqual(listed, [
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { name: 1 }, name: 'name_1' },
      { v: 2, key: { email: 1 }, name: 'by_email', unique: true },
    ], 'listIndexes');
    expectTrue(await people.indexExists('by_email'), 'indexExists');

    await expectError(() => people.createIndex({ name: -1 }, { name: 'name_1' }), (e) => expectEqual(e.code, 86, 'same name, other key'), 'conflicting key');
    await expectError(() => people.dropIndex('_id_'), (e) => expectEqual(e.code, 72, 'drop _id_'), 'drop _id_');
    await expectError(() => people.dropIndex('missing'), (e) => expectEqual(e.codeName, 'IndexNotFound', 'drop missing'), 'drop missing');

    await people.dropIndex('name_1');
    await people.insertOne({ _id: 1, name: 'a' });
    expectEqual((await people.listIndexes().toArray()).map((index) => index.name), ['_id_', 'by_email'], 'after dropIndex');

    const [created1, created2, dropped, insert] = await take(expanded, 4, 'expanded events');
    expectEqual([created1, created2, dropped, insert].map((e) => e.operationType), ['createIndexes', 'createIndexes', 'dropIndexes', 'insert'], 'expanded event types');
    for (const change of [created1, created2, dropped]) {
      expectEqual(Object.keys(change), ['_id', 'operationType', 'clusterTime', 'collectionUUID', 'wallTime', 'ns', 'operationDescription'], `${change.operationType} fields`);
      expectEqual(change.ns, { db: 'ix', coll: 'people' }, `${change.operationType} ns`);
      expectTrue(change.collectionUUID instanceof Binary && change.collectionUUID.sub_type === 4, 'collectionUUID is a UUID');
      expectTrue(change.clusterTime instanceof Timestamp && change.wallTime instanceof Date, 'clusterTime and wallTime');
    }
    expectEqual(created1.operationDescription, { indexes: [{ v: 2, key: { name: 1 }, name: 'name_1' }] }, 'createIndexes operationDescription');
    expectEqual(created2.operationDescription, { indexes: [{ v: 2, key: { email: 1 }, name: 'by_email', unique: true }] }, 'unique createIndexes');
    expectEqual(dropped.operationDescription, { indexes: [{ v: 2, key: { name: 1 }, name: 'name_1' }] }, 'dropIndexes operationDescription');

    const [plainInsert] = await take(plain, 1, 'plain stream events');
    expectEqual(plainInsert.operationType, 'insert', 'a stream without showExpandedEvents skips index events');
    await expectNoMore(plain, 'plain stream');
    await expanded.close();
    await plain.close();
    console.log(JSON.stringify({ ok: true, indexEvents: 3 }));
  } finally {
    await client.close();
  }
});
