// replSetStepDown through the official Node.js driver: during the step-down a write with retries off fails
// NotWritablePrimary, a find cursor open at the step-down is interrupted, a retryable write waits for the re-elected
// primary and lands once, and the re-elected primary reports a new, greater electionId. The step-down lasts until this
// script ends it with replSetFreeze 0 (a single-node mongod elects itself once unfrozen): no check races its period,
// however slowly this machine runs them. stdin: {"uri": "..."}. Prints {"ok": true, ...} on success.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  // Server selection waits only bound a hang.
  const options = { serverSelectionTimeoutMS: 60000, heartbeatFrequencyMS: 500 };
  const client = new MongoClient(uri, options);
  // This client's monitor looks once an hour, so it takes the node for the primary until a command fails there: its
  // write during the step-down reaches the node, whichever check of the other client's monitor came first.
  const noRetry = new MongoClient(uri, { ...options, retryWrites: false, heartbeatFrequencyMS: 3600000 });
  let secondarySeen;
  const seenAsSecondary = new Promise((resolve) => { secondarySeen = resolve; });
  client.on('serverDescriptionChanged', (event) => {
    if (event.newDescription.type === 'RSSecondary') secondarySeen();
  });
  await client.connect();
  await noRetry.connect();
  try {
    const admin = client.db('admin');
    const anyMember = { readPreference: 'primaryPreferred' };
    const items = client.db('stepdown').collection('items');
    await items.insertMany(Array.from({ length: 4 }, (_, i) => ({ _id: i })));
    const before = await admin.command({ hello: 1 });
    expectTrue(before.isWritablePrimary, 'primary before the step-down');

    const cursor = items.find({}).batchSize(1);
    await cursor.next();
    await noRetry.db('stepdown').collection('items').findOne({ _id: 0 });

    await admin.command({ replSetStepDown: 600, force: true });
    const during = await admin.command({ hello: 1 }, anyMember);
    expectEqual([during.isWritablePrimary, during.secondary, during.primary], [false, true, undefined], 'hello during the step-down');
    await expectError(() => noRetry.db('stepdown').collection('items').insertOne({ _id: 50 }),
      (e) => expectEqual([e.code, e.codeName], [10107, 'NotWritablePrimary'], 'write with retries off'), 'write during step-down');

    await expectError(() => cursor.next(), (e) => expectEqual(e.code, 11602, 'getMore of a cursor open at the step-down'), 'interrupted cursor');
    await cursor.close().catch(() => {});

    // Once the driver knows the node is secondary, a retryable write waits in server selection for a primary, which
    // exists again only after the unfreeze below; then it lands once.
    await seenAsSecondary;
    const started = Date.now();
    const insert = items.insertOne({ _id: 100 });
    const unfrozen = await admin.command({ replSetFreeze: 0 }, anyMember);
    expectEqual(unfrozen.info, 'unfreezing', 'replSetFreeze 0 during the step-down');
    await insert;
    expectEqual(await items.countDocuments({ _id: 100 }), 1, 'retried insert landed once');

    const after = await admin.command({ hello: 1 });
    expectTrue(after.isWritablePrimary, 'primary again');
    expectEqual(after.setVersion, before.setVersion, 'setVersion unchanged');
    expectTrue(after.electionId.toHexString() > before.electionId.toHexString(), `new electionId ${after.electionId} after ${before.electionId}`);
    await noRetry.db('stepdown').collection('items').insertOne({ _id: 101 });
    console.log(JSON.stringify({ ok: true, waitedMs: Date.now() - started }));
  } finally {
    await client.close();
    await noRetry.close();
  }
});
