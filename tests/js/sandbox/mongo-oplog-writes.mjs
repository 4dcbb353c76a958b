// Writes through the official Node.js driver whose oplog the C# test then checks: a session-carrying insertMany,
// an updateMany touching three documents, a deleteMany. stdin: {"uri": "..."}.
import { MongoClient } from 'mongodb';
import { expectEqual, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const orders = client.db('shop').collection('orders');
    await orders.insertMany([{ _id: 1, state: 'new' }, { _id: 2, state: 'new' }, { _id: 3, state: 'new' }, { _id: 4, state: 'paid' }]);
    const updated = await orders.updateMany({ state: 'new' }, { $set: { state: 'paid' }, $inc: { version: 1 } });
    expectEqual(updated.modifiedCount, 3, 'updateMany modifiedCount');
    const deleted = await orders.deleteMany({ _id: { $lte: 2 } });
    expectEqual(deleted.deletedCount, 2, 'deleteMany deletedCount');
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
