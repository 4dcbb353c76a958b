// db.watch() and client.watch() (cluster) through the official Node.js driver: ordering across collections and
// databases, rename/drop/dropDatabase events, and invalidate per scope. stdin: {"uri": "..."}.
import { MongoClient } from 'mongodb';
import { expectEqual, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take, expectNoMore } from './mongo-changestream-common.mjs';

const describe = (e) => `${e.operationType}:${e.ns ? `${e.ns.db}.${e.ns.coll ?? ''}` : ''}`;

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const shop = client.db('shop');
    const audit = client.db('audit');
    await shop.collection('orders').insertOne({ _id: 0 });
    await shop.collection('gone').insertOne({ _id: 0 });

    const cluster = await openStream(client);
    const database = await openStream(shop);
    const orders = await openStream(shop.collection('orders'));
    const gone = await openStream(shop.collection('gone'));

    await shop.collection('orders').insertOne({ _id: 1 });
    await audit.collection('log').insertOne({ _id: 1 });
    await shop.collection('customers').insertOne({ _id: 1 });
    await shop.collection('orders').updateOne({ _id: 1 }, { $set: { paid: true } });
    await shop.collection('gone').drop();

    const clusterEvents = await take(cluster, 5, 'cluster stream');
    expectEqual(clusterEvents.map(describe), ['insert:shop.orders', 'insert:audit.log', 'insert:shop.customers', 'update:shop.orders', 'drop:shop.gone'], 'cluster order across databases');
    for (let i = 1; i < clusterEvents.length; i++) {
      expectTrue(clusterEvents[i]._id._data > clusterEvents[i - 1]._id._data, `cluster tokens increase (${i})`);
    }
    const databaseEvents = await take(database, 4, 'database stream');
    expectEqual(databaseEvents.map(describe), ['insert:shop.orders', 'insert:shop.customers', 'update:shop.orders', 'drop:shop.gone'], 'database stream sees only its database, in order');
    const orderEvents = await take(orders, 2, 'collection stream');
    expectEqual(orderEvents.map(describe), ['insert:shop.orders', 'update:shop.orders'], 'collection stream sees only its collection');

    // Collection scope: drop → drop, invalidate, closed.
    const goneEvents = await take(gone, 2, 'dropped collection stream');
    expectEqual(goneEvents.map((e) => e.operationType), ['drop', 'invalidate'], 'drop then invalidate');
    expectEqual(Object.keys(goneEvents[1]), ['_id', 'operationType', 'clusterTime', 'wallTime'], 'invalidate fields');
    expectTrue(gone.closed, 'the driver closes a stream after invalidate');

    // Collection scope: rename → rename (with to), invalidate.
    const renamed = await openStream(shop.collection('orders'));
    await shop.collection('orders').rename('orders_old');
    const renameEvents = await take(renamed, 2, 'renamed collection stream');
    expectEqual(renameEvents.map((e) => e.operationType), ['rename', 'invalidate'], 'rename then invalidate');
    expectEqual(renameEvents[0].to, { db: 'shop', coll: 'orders_old' }, 'rename to');
    expectEqual(Object.keys(renameEvents[0]), ['to', '_id', 'operationType', 'clusterTime', 'wallTime', 'ns'], 'rename fields (the server appends to first)');

    // Database scope: dropDatabase → drop per collection, dropDatabase, invalidate; the cluster stream goes on.
    await shop.dropDatabase();
    const dbTail = await take(database, 5, 'database stream after dropDatabase');
    expectEqual(dbTail.map(describe), ['rename:shop.orders', 'drop:shop.customers', 'drop:shop.orders_old', 'dropDatabase:shop.', 'invalidate:'], 'dropDatabase then invalidate');
    expectEqual(dbTail[3].ns, { db: 'shop' }, 'dropDatabase ns');
    const clusterTail = await take(cluster, 4, 'cluster stream after dropDatabase');
    expectEqual(clusterTail.map((e) => e.operationType), ['rename', 'drop', 'drop', 'dropDatabase'], 'cluster stream is not invalidated');
    await audit.collection('log').insertOne({ _id: 2 });
    const [after] = await take(cluster, 1, 'cluster stream keeps going');
    expectEqual(describe(after), 'insert:audit.log', 'cluster stream after dropDatabase');
    await expectNoMore(cluster, 'cluster stream');

    // Expanded events: create, createIndexes are not emulated as commands, but create and modify are.
    const expanded = await openStream(audit, [], { showExpandedEvents: true });
    await audit.createCollection('fresh');
    await audit.command({ collMod: 'fresh', changeStreamPreAndPostImages: { enabled: true } });
    await audit.collection('fresh').insertOne({ _id: 1 });
    const expandedEvents = await take(expanded, 3, 'expanded events');
    expectEqual(expandedEvents.map((e) => e.operationType), ['create', 'modify', 'insert'], 'expanded event types');
    expectTrue(expandedEvents[2].collectionUUID !== undefined, 'collectionUUID with showExpandedEvents');
    for (const s of [cluster, database, orders, renamed, expanded]) await s.close();
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
