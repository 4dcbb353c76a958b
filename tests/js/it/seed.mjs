// Fills collections before a connector starts, with the official Node.js driver, in the shape workload.mjs writes:
// documents {_id: "<collection>-<n>", v: 0, s: "i<collection>-<n>", tags: ["a", "b"]} for n < count, inserted in batches.
// stdin: {"uri", "db", "collections": [..], "count"}. stdout: {"inserted": total}.
import { MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000 });
  await client.connect();
  let inserted = 0;
  for (const name of input.collections) {
    const coll = client.db(input.db).collection(name);
    for (let start = 0; start < input.count; start += 1000) {
      const docs = [];
      for (let n = start; n < Math.min(start + 1000, input.count); n += 1) {
        docs.push({ _id: `${name}-${n}`, v: 0, s: `i${name}-${n}`, tags: ['a', 'b'] });
      }
      const result = await coll.insertMany(docs, { ordered: true });
      inserted += result.insertedCount;
    }
  }
  await client.close();
  emit({ inserted });
} catch (e) {
  fail(e);
}
