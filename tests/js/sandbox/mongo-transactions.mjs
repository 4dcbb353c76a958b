// Multi-document transactions through the official Node.js driver: session.withTransaction commits writes to two
// collections (reads inside see the transaction's own writes); an aborted transaction leaves nothing behind; a
// commit on an unknown transaction fails NoSuchTransaction labelled TransientTransactionError.
// stdin: {"uri": "..."}. Prints {"ok": true} on success.
import { Long, MongoClient } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('shop');
    const orders = db.collection('orders');
    const stock = db.collection('stock');
    await stock.insertOne({ _id: 'apple', qty: 10 });
    await orders.insertOne({ _id: 0, item: 'seed' });

    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await orders.insertOne({ _id: 1, item: 'apple', qty: 3 }, { session });
        await stock.updateOne({ _id: 'apple' }, { $inc: { qty: -3 } }, { session });
        const own = await stock.findOne({ _id: 'apple' }, { session });
        expectEqual(own.qty, 7, 'a read inside the transaction sees its own write');
      });

      await expectError(() => session.withTransaction(async () => {
        await orders.insertOne({ _id: 2, item: 'pear' }, { session });
        await stock.updateOne({ _id: 'apple' }, { $inc: { qty: -100 } }, { session });
        throw new Error('changed my mind');
      }), (e) => expectEqual(e.message, 'changed my mind', 'callback error surfaces'), 'aborted transaction');
    } finally {
      await session.endSession();
    }

    expectEqual(await orders.countDocuments({}), 2, 'committed order present, aborted one absent');
    expectEqual((await stock.findOne({ _id: 'apple' })).qty, 7, 'stock after commit and abort');

    const stray = client.startSession();
    const err = await expectError(() => client.db('admin').command({ commitTransaction: 1, txnNumber: Long.fromNumber(5), autocommit: false }, { session: stray }),
      (e) => expectEqual(e.code, 251, 'commit of an unknown transaction'), 'unknown transaction');
    await stray.endSession();
    expectTrue(err.hasErrorLabel('TransientTransactionError'), 'NoSuchTransaction carries TransientTransactionError');
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
