// Runs a fixed list of writes and DDL with the official Node.js driver, in order, for scenarios that need each
// operation type exactly once. stdin: {"uri", "db", "operations": [{"op": "insert"|"update"|"replace"|"delete"|
//   "rename"|"drop"|"dropDatabase"|"createCollection"|"collMod"|"createIndex", "coll"?, "doc"?, "id"?, "update"?, "to"?, "db"?,
//   "key"? (createIndex), "options"? (createCollection, collMod), "pad"? {"field", "bytes"} (insert, replace: the document's
//   field becomes a string of that many "a"s, made here so a 16 MB document need not cross stdin)}]}. stdout: {"done": n}.
import { MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000 });
  await client.connect();
  let done = 0;
  for (const step of input.operations) {
    const db = client.db(step.db ?? input.db);
    const coll = step.coll ? db.collection(step.coll) : null;
    if (step.pad) {
      step.doc[step.pad.field] = 'a'.repeat(step.pad.bytes);
    }
    switch (step.op) {
      case 'insert': await coll.insertOne(step.doc); break;
      case 'update': await coll.updateOne({ _id: step.id }, step.update); break;
      case 'replace': await coll.replaceOne({ _id: step.id }, step.doc); break;
      case 'delete': await coll.deleteOne({ _id: step.id }); break;
      case 'rename': await coll.rename(step.to); break;
      case 'drop': await coll.drop(); break;
      case 'dropDatabase': await db.dropDatabase(); break;
      case 'createCollection': await db.createCollection(step.coll, step.options ?? {}); break;
      case 'collMod': await db.command({ collMod: step.coll, ...(step.options ?? {}) }); break;
      case 'createIndex': await coll.createIndex(step.key); break;
      default: throw new Error(`unknown operation ${step.op}`);
    }
    done += 1;
  }
  await client.close();
  emit({ done });
} catch (e) {
  fail(e);
}
