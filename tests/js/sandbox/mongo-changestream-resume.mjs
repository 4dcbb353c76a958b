// resumeAfter / startAfter / startAtOperationTime through the official Node.js driver, the errors for an invalidate
// token and mutually exclusive options, and ChangeStreamHistoryLost (286) once a token has left the oplog window
// (the C# test starts the server with a 50-entry oplog). stdin: {"uri": "..."}.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take } from './mongo-changestream-common.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('resume');
    const coll = db.collection('c');
    const stream = await openStream(coll);
    await coll.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    const [first, second] = await take(stream, 3, 'initial events');
    await stream.close();

    const afterFirst = coll.watch([], { resumeAfter: first._id, maxAwaitTimeMS: 100 });
    expectEqual((await take(afterFirst, 2, 'resumeAfter')).map((e) => e.documentKey._id), [2, 3], 'resumeAfter the first event');
    await afterFirst.close();

    const atSecond = coll.watch([], { startAtOperationTime: second.clusterTime, maxAwaitTimeMS: 100 });
    expectEqual((await take(atSecond, 2, 'startAtOperationTime')).map((e) => e.documentKey._id), [2, 3], 'startAtOperationTime of the second event');
    await atSecond.close();

    // Invalidate: resumeAfter it fails with 260, startAfter it continues with the recreated collection.
    const dropped = await openStream(coll);
    await coll.drop();
    const [, invalidate] = await take(dropped, 2, 'drop/invalidate');
    expectEqual(invalidate.operationType, 'invalidate', 'invalidate event');
    await expectError(async () => { const s = coll.watch([], { resumeAfter: invalidate._id }); try { await s.tryNext(); } finally { await s.close().catch(() => {}); } },
      (e) => expectEqual(e.code, 260, 'resumeAfter an invalidate token'), 'resumeAfter invalidate');
    await coll.insertOne({ _id: 'new' });
    const startAfter = coll.watch([], { startAfter: invalidate._id, maxAwaitTimeMS: 100 });
    expectEqual((await take(startAfter, 1, 'startAfter invalidate'))[0].documentKey, { _id: 'new' }, 'startAfter an invalidate token');
    await startAfter.close();

    await expectError(async () => { await db.command({ aggregate: 'c', pipeline: [{ $changeStream: { resumeAfter: first._id, startAtOperationTime: first.clusterTime } }], cursor: {} }); },
      (e) => expectEqual(e.code, 40674, 'two resume options'), 'mutually exclusive resume options');
    await expectError(async () => { await db.command({ aggregate: 'c', pipeline: [{ $changeStream: { resumeAfter: { _data: '82DEADBEEF' } } }], cursor: {} }); },
      (e) => expectEqual(e.code, 260, 'malformed token'), 'malformed token');

    // History lost: push the first token out of the 50-entry window.
    const filler = db.collection('filler');
    for (let i = 0; i < 6; i++) await filler.insertMany(Array.from({ length: 10 }, (_, j) => ({ _id: i * 10 + j })));
    await expectError(async () => { const s = coll.watch([], { resumeAfter: first._id }); try { await s.tryNext(); } finally { await s.close().catch(() => {}); } },
      (e) => { expectEqual(e.code, 286, 'history lost code'); expectEqual(e.codeName, 'ChangeStreamHistoryLost', 'history lost codeName'); }, 'resume from evicted token');

    // A stream that falls more than the window behind fails its next getMore with 286 (not resumable).
    const behind = await openStream(coll);
    await filler.deleteMany({});
    await filler.insertMany(Array.from({ length: 60 }, (_, j) => ({ _id: j })));
    await expectError(() => take(behind, 1, 'stream behind the window'),
      (e) => expectEqual(e.code, 286, 'getMore behind the oplog window'), 'getMore after eviction');
    await behind.close().catch(() => {});
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
