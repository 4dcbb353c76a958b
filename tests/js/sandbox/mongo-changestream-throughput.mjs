// How fast one change stream is served: insertMany N documents (batches of 1,000) while a stream is open, then time
// the official Node.js driver reading all N insert events. stdin: {"uri": "...", "count": N}. Prints
// {"ok": true, "events": N, "readMs": ..., "eventsPerSecond": ...}.
import { MongoClient } from 'mongodb';
import { expectEqual, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream } from './mongo-changestream-common.mjs';

runMain(async () => {
  const { uri, count } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const coll = client.db('bench').collection('events');
    const stream = await openStream(coll, [], { batchSize: 5000 });
    for (let start = 0; start < count; start += 1000) {
      const docs = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) docs.push({ _id: i, name: `item-${i}`, price: i * 0.5, tags: ['a', 'b'] });
      await coll.insertMany(docs, { ordered: true });
    }

    const started = process.hrtime.bigint();
    let next = 0;
    while (next < count) {
      const change = await stream.tryNext();
      if (change === null) continue;
      expectEqual(change.documentKey._id, next, 'events arrive in insert order');
      next++;
    }
    const readMs = Number(process.hrtime.bigint() - started) / 1e6;
    await stream.close();
    console.log(JSON.stringify({ ok: true, events: count, readMs: Math.round(readMs), eventsPerSecond: Math.round(count / (readMs / 1000)) }));
  } finally {
    await client.close();
  }
});
