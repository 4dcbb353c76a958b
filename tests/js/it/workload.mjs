// The integration tests' source workload, written with the official MongoDB Node.js driver.
// stdin: one JSON line {"uri", "db", "collections": [..], "operations", "ratePerSecond"? (0 = as fast as possible),
//   "transactionSize"? (0 = no transactions; n = n writes per transaction), "seed"?, "padBytes"? (0 = none; n = inserts
//   and replaces carry a field pad of n characters, to make events large), "existing"? (0 = none; n = each collection
//   already holds "<collection>-0" … "<collection>-(n-1)" with v 0, as seed.mjs writes them, and the workload updates,
//   replaces and deletes those too)}.
// Every document's _id is "<collection>-<n>"; each write to a document bumps its counter field v (the insert has v 0,
// each later update or replace sets the next value; a delete uses up a value too), so any consumer can check per-document
// order from v alone. Operations are drawn from a seeded generator: insert, update ($set, sometimes $unset), replace,
// delete. A later "stop" on stdin (or stdin closing) ends it after the write in progress, before "operations" is reached,
// so a test can keep the load going for as long as its condition takes on a busy machine. stdout: one summary JSON
// line at the end.
import { MongoClient } from 'mongodb';
import { emit, fail, random, readFirstStdinLine, stopRequested } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  let stopping = false;
  stopRequested(lines).then(() => { stopping = true; });
  const { uri, db: dbName, collections, operations } = input;
  const rate = input.ratePerSecond ?? 0;
  const transactionSize = input.transactionSize ?? 0;
  const next = random(input.seed ?? 1);
  const pad = (input.padBytes ?? 0) > 0 ? 'x'.repeat(input.padBytes) : null;
  const padded = (doc) => (pad === null ? doc : { ...doc, pad });
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10000 });
  await client.connect();
  const counts = { insert: 0, update: 0, replace: 0, delete: 0, transactions: 0 };
  const existing = input.existing ?? 0;
  const live = new Map(collections.map((c) => [c, Array.from({ length: existing }, (_, n) => `${c}-${n}`)]));
  const counters = new Map();
  for (const ids of live.values()) for (const id of ids) counters.set(id, 0);
  const created = new Map(collections.map((c) => [c, existing]));
  const started = Date.now();

  function plan() {
    const coll = collections[Math.floor(next() * collections.length)];
    const docs = live.get(coll);
    const roll = next();
    if (docs.length === 0 || roll < 0.4) {
      const id = `${coll}-${created.get(coll)}`;
      created.set(coll, created.get(coll) + 1);
      docs.push(id);
      counters.set(id, 0);
      return { kind: 'insert', coll, doc: padded({ _id: id, v: 0, s: `i${id}`, tags: ['a', 'b'] }) };
    }
    const index = Math.floor(next() * docs.length);
    const id = docs[index];
    const v = counters.get(id) + 1;
    counters.set(id, v);
    if (roll < 0.7) {
      const update = { $set: { v, s: `u${v}` } };
      if (v % 3 === 0) update.$unset = { tags: '' };
      return { kind: 'update', coll, id, update };
    }
    if (roll < 0.85) return { kind: 'replace', coll, id, doc: padded({ _id: id, v, r: { at: v, list: [v, v + 1] } }) };
    docs.splice(index, 1);
    return { kind: 'delete', coll, id };
  }

  async function apply(op, session) {
    const coll = client.db(dbName).collection(op.coll);
    const options = session ? { session } : {};
    let result;
    switch (op.kind) {
      case 'insert': result = await coll.insertOne(op.doc, options); break;
      case 'update': result = await coll.updateOne({ _id: op.id }, op.update, options); break;
      case 'replace': result = await coll.replaceOne({ _id: op.id }, op.doc, options); break;
      default: result = await coll.deleteOne({ _id: op.id }, options); break;
    }
    const affected = result.insertedId !== undefined ? 1 : (result.modifiedCount ?? result.deletedCount);
    if (affected !== 1) throw new Error(`${op.kind} of ${op.id ?? op.doc._id} in ${op.coll} affected ${affected} documents`);
    counts[op.kind] += 1;
  }

  let done = 0;
  while (done < operations && !stopping) {
    const batch = Math.min(transactionSize > 0 ? transactionSize : 1, operations - done);
    const ops = Array.from({ length: batch }, plan);
    if (transactionSize > 0) {
      const session = client.startSession();
      try {
        await session.withTransaction(async () => { for (const op of ops) await apply(op, session); });
        counts.transactions += 1;
      } finally {
        await session.endSession();
      }
    } else {
      await apply(ops[0]);
    }
    done += batch;
    if (rate > 0) {
      const due = started + (done * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  lines.close();
  await client.close();
  emit({ operations: done, ...counts, elapsedMs: Date.now() - started, liveDocuments: [...live.values()].reduce((n, d) => n + d.length, 0) });
} catch (e) {
  fail(e);
}
