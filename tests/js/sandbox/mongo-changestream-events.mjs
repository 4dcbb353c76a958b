// collection.watch() through the official Node.js driver: CRUD event shapes, updateMany fan-out, images, $match.
// stdin: {"uri": "..."}. Exits non-zero naming the first mismatch.
import { MongoClient, Timestamp } from 'mongodb';
import { expectEqual, expectTrue, expectError, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take, expectNoMore } from './mongo-changestream-common.mjs';

const keys = (o) => Object.keys(o);

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('cs');
    const items = db.collection('items');
    const stream = await openStream(items);

    await items.insertOne({ _id: 1, name: 'a', tags: ['x', 'y', 'z'], n: 1 });
    await items.updateOne({ _id: 1 }, { $set: { name: 'b' }, $unset: { n: '' }, $pop: { tags: 1 } });
    await items.replaceOne({ _id: 1 }, { name: 'c' });
    await items.deleteOne({ _id: 1 });
    const [insert, update, replace, del] = await take(stream, 4, 'CRUD events');

    // A retryable write's session is in the oplog, but a server reports lsid/txnNumber only for transactions.
    expectEqual(keys(insert), ['_id', 'operationType', 'clusterTime', 'wallTime', 'fullDocument', 'ns', 'documentKey'], 'insert fields');
    expectEqual(insert.operationType, 'insert', 'insert type');
    expectEqual(insert.fullDocument, { _id: 1, name: 'a', tags: ['x', 'y', 'z'], n: 1 }, 'insert fullDocument');
    expectEqual(insert.ns, { db: 'cs', coll: 'items' }, 'insert ns');
    expectEqual(insert.documentKey, { _id: 1 }, 'insert documentKey');
    expectTrue(insert.clusterTime instanceof Timestamp, 'clusterTime is a Timestamp');
    expectTrue(insert.wallTime instanceof Date, 'wallTime is a Date');
    expectTrue(typeof insert._id._data === 'string' && /^[0-9A-F]+$/.test(insert._id._data), 'resume token is {_data: hex}');

    expectEqual(keys(update), ['_id', 'operationType', 'clusterTime', 'wallTime', 'ns', 'documentKey', 'updateDescription'], 'update fields');
    expectEqual(update.updateDescription, { updatedFields: { name: 'b' }, removedFields: ['n'], truncatedArrays: [{ field: 'tags', newSize: 2 }] }, 'updateDescription');
    expectTrue(!('fullDocument' in update), 'update has no fullDocument by default');
    expectEqual(replace.operationType, 'replace', 'replace type');
    expectEqual(replace.fullDocument, { _id: 1, name: 'c' }, 'replace fullDocument');
    expectEqual(keys(del), ['_id', 'operationType', 'clusterTime', 'wallTime', 'ns', 'documentKey'], 'delete fields');
    expectTrue(!('fullDocument' in del), 'delete has no fullDocument');

    const tokens = [insert, update, replace, del].map((e) => e._id._data);
    expectEqual([...tokens].sort(), tokens, 'resume tokens sort in event order');
    for (let i = 1; i < 4; i++) {
      const [a, b] = [[insert, update, replace, del][i - 1].clusterTime, [insert, update, replace, del][i].clusterTime];
      expectTrue(b.greaterThan(a), `clusterTime increases (event ${i})`);
    }
    expectTrue(stream.resumeToken._data >= del._id._data, 'the driver caches a resume token at or after the last event');

    // updateMany: one event per document, in _id order.
    await items.insertMany([{ _id: 10, v: 0 }, { _id: 11, v: 0 }, { _id: 12, v: 0 }]);
    await items.updateMany({}, { $inc: { v: 1 } });
    await items.deleteMany({ _id: { $gte: 11 } });
    const fanout = await take(stream, 8, 'updateMany/deleteMany fan-out');
    expectEqual(fanout.map((e) => `${e.operationType}:${e.documentKey._id}`),
      ['insert:10', 'insert:11', 'insert:12', 'update:10', 'update:11', 'update:12', 'delete:11', 'delete:12'], 'one event per document, in order');
    expectEqual(fanout[3].updateDescription.updatedFields, { v: 1 }, 'updateMany updatedFields');
    expectTrue(!('lsid' in fanout[3]) && !('txnNumber' in fanout[3]), 'a write outside a transaction carries no lsid/txnNumber');
    await stream.close();

    // fullDocument: updateLookup gives the current document, null once it is gone.
    const lookup = await openStream(items, [], { fullDocument: 'updateLookup' });
    await items.updateOne({ _id: 10 }, { $set: { w: 1 } });
    const [looked] = await take(lookup, 1, 'updateLookup');
    expectEqual(looked.fullDocument, { _id: 10, v: 1, w: 1 }, 'updateLookup fullDocument');
    await items.updateOne({ _id: 10 }, { $set: { w: 2 } });
    await items.deleteOne({ _id: 10 });
    const [lookedGone] = await take(lookup, 2, 'updateLookup after delete');
    expectEqual(lookedGone.fullDocument, null, 'updateLookup of a deleted document is null');
    await lookup.close();

    // Pre- and post-images from a collection with changeStreamPreAndPostImages.
    const imaged = await db.createCollection('imaged', { changeStreamPreAndPostImages: { enabled: true } });
    const images = await openStream(imaged, [], { fullDocument: 'required', fullDocumentBeforeChange: 'required' });
    await imaged.insertOne({ _id: 1, v: 1 });
    await imaged.updateOne({ _id: 1 }, { $set: { v: 2 } });
    await imaged.deleteOne({ _id: 1 });
    const [, imgUpdate, imgDelete] = await take(images, 3, 'pre/post images');
    expectEqual(imgUpdate.fullDocument, { _id: 1, v: 2 }, 'post-image');
    expectEqual(imgUpdate.fullDocumentBeforeChange, { _id: 1, v: 1 }, 'pre-image of update');
    expectEqual(keys(imgUpdate).slice(-3), ['updateDescription', 'fullDocumentBeforeChange', 'fullDocument'], 'images are appended after updateDescription, pre-image first');
    expectEqual(imgDelete.fullDocumentBeforeChange, { _id: 1, v: 2 }, 'pre-image of delete');
    await images.close();

    const whenAvailable = await openStream(items, [], { fullDocument: 'whenAvailable', fullDocumentBeforeChange: 'whenAvailable' });
    await items.updateOne({ _id: 1000 }, { $set: { v: 1 } }, { upsert: true });
    await items.updateOne({ _id: 1000 }, { $set: { v: 2 } });
    const [, noImages] = await take(whenAvailable, 2, 'whenAvailable without images');
    expectEqual([noImages.fullDocument, noImages.fullDocumentBeforeChange], [null, null], 'whenAvailable gives null without images');
    await whenAvailable.close();

    const required = await openStream(items, [], { fullDocumentBeforeChange: 'required' });
    await items.updateOne({ _id: 1000 }, { $set: { v: 3 } });
    await expectError(() => take(required, 1, 'required pre-image'), (e) => expectEqual(e.code, 47, 'required pre-image unavailable code'), 'required pre-image');
    await required.close().catch(() => {});

    // $match / $project / $addFields after $changeStream.
    const filtered = await openStream(items, [
      { $match: { $or: [{ operationType: 'insert', 'fullDocument.kind': { $in: ['a', 'b'] } }, { operationType: 'delete' }] } },
      { $project: { operationType: 1, documentKey: 1, 'fullDocument.kind': 1 } },
      { $addFields: { source: 'sandbox' } },
    ]);
    await items.insertMany([{ _id: 20, kind: 'a' }, { _id: 21, kind: 'c' }, { _id: 22, kind: 'b' }]);
    await items.updateOne({ _id: 20 }, { $set: { kind: 'z' } });
    await items.deleteOne({ _id: 21 });
    const kept = await take(filtered, 3, '$match filtering');
    expectEqual(kept.map((e) => `${e.operationType}:${e.documentKey._id}`), ['insert:20', 'insert:22', 'delete:21'], '$match keeps only matching events');
    expectEqual(keys(kept[0]), ['_id', 'operationType', 'fullDocument', 'documentKey', 'source'], '$project/$addFields shape');
    await expectNoMore(filtered, '$match filtering');
    await filtered.close();

    const broken = await openStream(items, [{ $project: { _id: 0 } }]);
    await items.insertOne({ _id: 30 });
    await expectError(() => take(broken, 1, 'projected-out token'), (e) => expectEqual(e.code, 280, 'modified resume token code'), 'projecting out _id');
    await broken.close().catch(() => {});

    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
