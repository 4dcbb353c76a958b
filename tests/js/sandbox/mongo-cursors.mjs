// Cursor lifecycle and concurrency through the official Node.js driver: a cursor closed early is killed on the server,
// a limit ends the cursor by itself, and concurrent operations over several pooled connections all succeed.
// stdin: {"uri": "..."}.
import { MongoClient } from 'mongodb';
import { expectEqual, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 8 });
  await client.connect();
  try {
    const items = client.db('cursors').collection('items');
    await Promise.all(Array.from({ length: 40 }, (_, i) => items.insertOne({ _id: i, group: i % 4 })));
    expectEqual(await items.countDocuments({}), 40, 'concurrent inserts all landed');

    const early = items.find({}).batchSize(5);
    expectEqual((await early.next())._id, 0, 'first document of an early-closed cursor');
    await early.close();

    const limited = await items.find({ group: 1 }).sort({ _id: -1 }).limit(3).batchSize(2).toArray();
    expectEqual(limited.map((d) => d._id), [37, 33, 29], 'limit across batches');

    const page = items.find({ group: { $in: [2, 3] } }).batchSize(3);
    let count = 0;
    for await (const doc of page) {
      expectTrue(doc.group === 2 || doc.group === 3, `group of ${doc._id}`);
      count += 1;
    }
    expectEqual(count, 20, 'documents in groups 2 and 3');

    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => items.findOne({ _id: i })));
    expectEqual(results.map((d) => d._id), Array.from({ length: 16 }, (_, i) => i), 'concurrent point reads');
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
