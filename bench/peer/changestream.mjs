// The reader of the changestream benchmark: the official mongodb driver opens one change stream, inserts N documents
// (insertMany, batches of 1,000) while it is open, then times reading all N insert events in order.
// Usage: node changestream.mjs URI N. Prints {"events": N, "readMs": ..., "eventsPerSec": ...}.
import { MongoClient } from 'mongodb';

const [uri, countText] = process.argv.slice(2);
const count = Number.parseInt(countText ?? '', 10);
if (!uri || !Number.isInteger(count) || count < 1) {
  console.error('usage: node changestream.mjs URI N');
  process.exit(2);
}

const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
await client.connect();
try {
  const coll = client.db('bench').collection('events');
  // The first (empty) getMore makes sure the server-side cursor exists before any write.
  const stream = coll.watch([], { batchSize: 5000, maxAwaitTimeMS: 100 });
  const early = await stream.tryNext();
  if (early !== null) throw new Error(`a new change stream returned an event before any write: ${JSON.stringify(early)}`);

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
    if (change.operationType !== 'insert' || change.documentKey._id !== next) {
      throw new Error(`event ${next}: expected the insert of _id ${next}, got ${change.operationType} of ${JSON.stringify(change.documentKey)}`);
    }
    next++;
  }
  const readMs = Number(process.hrtime.bigint() - started) / 1e6;
  await stream.close();
  console.log(JSON.stringify({ events: count, readMs, eventsPerSec: count / (readMs / 1000) }));
} finally {
  await client.close();
}
