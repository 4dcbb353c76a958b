// replSetStepDown through the official Node.js driver: during the step-down a retryable write is retried by the
// driver until the node is primary again, a write with retries off fails NotWritablePrimary, a find cursor open at
// the step-down is interrupted, and the re-elected primary reports a new, greater electionId.
// stdin: {"uri": "..."}. Prints {"ok": true, ...} on success.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const options = { serverSelectionTimeoutMS: 10000, heartbeatFrequencyMS: 500 };
  const client = new MongoClient(uri, options);
  const noRetry = new MongoClient(uri, { ...options, retryWrites: false });
  await client.connect();
  await noRetry.connect();
  try {
    const admin = client.db('admin');
    const items = client.db('stepdown').collection('items');
    await items.insertMany(Array.from({ length: 4 }, (_, i) => ({ _id: i })));
    const before = await admin.command({ hello: 1 });
    expectTrue(before.isWritablePrimary, 'primary before the step-down');

    const cursor = items.find({}).batchSize(1);
    await cursor.next();

    // A write with retries off, sent on a connection the driver still thinks is to the primary, fails at once.
    await noRetry.db('stepdown').collection('items').findOne({ _id: 0 });
    await admin.command({ replSetStepDown: 30, force: true });
    const during = await admin.command({ hello: 1 });
    expectEqual([during.isWritablePrimary, during.secondary, during.primary], [false, true, undefined], 'hello during the step-down');
    await expectError(() => noRetry.db('stepdown').collection('items').insertOne({ _id: 50 }),
      (e) => expectEqual([e.code, e.codeName], [10107, 'NotWritablePrimary'], 'write with retries off'), 'write during step-down');

    await expectError(() => cursor.next(), (e) => expectEqual(e.code, 11602, 'getMore of a cursor open at the step-down'), 'interrupted cursor');
    await cursor.close().catch(() => {});

    // The retryable write waits for the re-elected primary (server selection) and lands once.
    const started = Date.now();
    await items.insertOne({ _id: 100 });
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
