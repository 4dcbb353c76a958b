// The change-stream options a driver passes on the aggregate, judged by the official Node.js driver: collation and
// comment reach the server as sent, read back as on a real mongod with {$currentOp: {idleCursors: true}} on admin
// (each open cursor's originatingCommand); a malformed collation is refused; and a showExpandedEvents stream reports
// create (explicit and implicit) and createIndexes in the server's shape while a plain stream does not.
// stdin: {"uri": "..."}. Prints {"ok": true, ...} on success; exits non-zero naming the first mismatch.
import { MongoClient, Binary } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take, expectNoMore } from './mongo-changestream-common.mjs';

async function cursorsWithComment(admin, judge) {
  return admin.aggregate([
    { $currentOp: { idleCursors: true } },
    { $match: { 'cursor.originatingCommand.comment.judge': judge } },
  ]).toArray();
}

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('opts');
    const admin = client.db('admin');
    const collation = { locale: 'fr', strength: 2 };
    const comment = { judge: 'options', n: 1 };
    const expanded = await openStream(db, [], { showExpandedEvents: true, collation, comment });
    const plain = await openStream(db);

    // Between getMores the cursor is idle; a running getMore would be an active op carrying the same cursor document.
    const [open] = await cursorsWithComment(admin, 'options');
    expectTrue(open !== undefined, '$currentOp lists the stream opened with the comment');
    expectEqual(open.type, 'idleCursor', 'an idle change stream cursor');
    expectEqual(open.ns, 'opts.$cmd.aggregate', 'a database stream cursor ns');
    expectTrue(open.cursor.tailable === true && open.cursor.awaitData === true, 'a change stream cursor is tailable and awaitData');
    const sent = open.cursor.originatingCommand;
    expectEqual(sent.aggregate, 1, 'originatingCommand is the aggregate');
    expectEqual(sent.collation, collation, 'the collation as sent');
    expectEqual(sent.comment, comment, 'the comment as sent');
    expectEqual(sent.$db, 'opts', 'the database');
    expectEqual(sent.pipeline[0].$changeStream.showExpandedEvents, true, 'showExpandedEvents in the $changeStream stage');

    await expectError(() => openStream(db, [], { collation: { strength: 2 } }), (e) => expectEqual(e.code, 40414, 'collation without locale'), 'collation without locale');

    await db.createCollection('explicit');
    await db.collection('inserted').insertOne({ _id: 1 });
    await db.collection('indexed').createIndex({ a: 1 });
    const events = await take(expanded, 5, 'expanded events');
    expectEqual(events.map((e) => `${e.operationType}:${e.ns.coll}`),
      ['create:explicit', 'create:inserted', 'insert:inserted', 'create:indexed', 'createIndexes:indexed'], 'expanded event types');
    const uuids = new Map((await db.listCollections().toArray()).map((c) => [c.name, c.info.uuid.toString('hex')]));
    for (const create of events.filter((e) => e.operationType === 'create')) {
      expectEqual(create.ns.db, 'opts', 'create ns.db');
      expectEqual(create.operationDescription, { idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } }, `create ${create.ns.coll} operationDescription`);
      expectTrue(create.collectionUUID instanceof Binary && create.collectionUUID.sub_type === 4, 'create collectionUUID is a UUID');
      expectEqual(create.collectionUUID.toString('hex'), uuids.get(create.ns.coll), `create ${create.ns.coll} collectionUUID is the collection's`);
    }
    expectEqual(events[4].operationDescription, { indexes: [{ v: 2, key: { a: 1 }, name: 'a_1' }] }, 'createIndexes operationDescription');

    const [plainInsert] = await take(plain, 1, 'plain stream events');
    expectEqual(`${plainInsert.operationType}:${plainInsert.ns.coll}`, 'insert:inserted', 'a plain stream skips create and createIndexes');
    await expectNoMore(plain, 'plain stream');

    await expanded.close();
    await plain.close();
    expectEqual(await cursorsWithComment(admin, 'options'), [], 'a closed stream is no longer listed');
    console.log(JSON.stringify({ ok: true, expandedEvents: events.length }));
  } finally {
    await client.close();
  }
});
