// CRUD through the official MongoDB Node.js driver against the cdc sandbox's emulator.
// stdin: {"uri": "mongodb://127.0.0.1:PORT/?replicaSet=NAME"}; exits non-zero naming the first failed expectation.
import { MongoClient, MongoServerError } from 'mongodb';
import { expectEqual, expectTrue, expectError, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, heartbeatFrequencyMS: 500 });
  await client.connect();
  try {
    const admin = client.db('admin');
    expectEqual((await admin.command({ ping: 1 })).ok, 1, 'ping');
    const info = await admin.command({ buildInfo: 1 });
    expectTrue(info.version.includes('cdc-sandbox'), `buildInfo version ${info.version}`);
    expectEqual(info.versionArray.length, 4, 'buildInfo versionArray');
    const hello = await admin.command({ hello: 1 });
    expectEqual(hello.isWritablePrimary, true, 'hello.isWritablePrimary');
    expectTrue(hello.hosts.includes(new URL(uri.replace('mongodb://', 'http://')).host), `hello.hosts ${hello.hosts}`);

    const db = client.db('crud');
    const people = db.collection('people');
    const one = await people.insertOne({ _id: 1, name: 'ada', age: 36, tags: ['math'], address: { city: 'London' } });
    expectEqual(one.insertedId, 1, 'insertOne insertedId');
    const many = await people.insertMany([
      { _id: 2, name: 'alan', age: 41, tags: ['math', 'cs'] },
      { _id: 3, name: 'grace', age: 85, tags: ['cs'], address: { city: 'New York' } },
      { name: 'generated' },
    ]);
    expectEqual(many.insertedCount, 3, 'insertMany insertedCount');
    expectTrue(typeof many.insertedIds[2] === 'object', 'insertMany generated an ObjectId');

    expectEqual((await people.find({ age: { $gte: 41 } }).sort({ _id: 1 }).toArray()).map((d) => d._id), [2, 3], 'find $gte');
    expectEqual((await people.find({ 'address.city': 'London' }).toArray()).map((d) => d._id), [1], 'find dotted path');
    expectEqual((await people.find({ tags: 'cs' }).sort({ _id: -1 }).toArray()).map((d) => d._id), [3, 2], 'find array membership, _id desc');
    expectEqual((await people.find({ _id: { $in: [1, 3, 99] } }).toArray()).map((d) => d._id), [1, 3], 'find $in');
    expectEqual((await people.find({ _id: { $nin: [1, 3] }, name: { $ne: 'generated' } }).toArray()).map((d) => d._id), [2], 'find $nin + $ne');
    expectEqual((await people.find({ address: { $exists: false } }).toArray()).length, 2, 'find $exists false');
    expectEqual((await people.find({ $or: [{ _id: 1 }, { age: { $lt: 50, $gt: 40 } }] }).toArray()).map((d) => d._id), [1, 2], 'find $or');
    expectEqual((await people.find({}, { projection: { name: 1, _id: 0 } }).limit(1).toArray()), [{ name: 'ada' }], 'find projection + limit');
    expectEqual((await people.find({ _id: { $mod: [2, 0] } }).toArray().catch((e) => e.code)), 2, 'unsupported query operator is BadValue');
    expectEqual((await people.find({ _id: { $type: 'int' } }).toArray()).length, 3, 'find $type');

    // Cursor iteration across getMore: 250 documents, batches of 7.
    const bulk = db.collection('bulk');
    await bulk.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    let seen = 0;
    let previous = -1;
    for await (const doc of bulk.find({}).batchSize(7)) {
      expectTrue(doc._id === previous + 1, `cursor order at ${doc._id}`);
      previous = doc._id;
      seen += 1;
    }
    expectEqual(seen, 250, 'documents seen across getMore');
    expectEqual(await bulk.countDocuments({ even: true }), 125, 'countDocuments via aggregate');
    const skipped = await bulk.find({ even: true }).sort({ _id: -1 }).skip(2).limit(3).toArray();
    expectEqual(skipped.map((d) => d._id), [244, 242, 240], 'find sort/skip/limit');

    // Updates with each operator.
    let r = await people.updateOne({ _id: 1 }, { $set: { 'address.zip': 'NW1', age: 37 }, $unset: { tags: '' } });
    expectEqual([r.matchedCount, r.modifiedCount], [1, 1], 'updateOne $set/$unset');
    r = await people.updateOne({ _id: 2 }, { $inc: { age: 2, visits: 1 }, $push: { tags: 'ai' } });
    expectEqual([r.matchedCount, r.modifiedCount], [1, 1], 'updateOne $inc/$push');
    r = await people.updateOne({ _id: 2 }, { $push: { tags: { $each: ['x', 'y'] } } });
    r = await people.updateOne({ _id: 2 }, { $pull: { tags: 'x' } });
    r = await people.updateOne({ _id: 2 }, { $pop: { tags: 1 } });
    r = await people.updateOne({ _id: 2 }, { $set: { 'tags.0': 'logic' }, $rename: { name: 'fullName' } });
    const alan = await people.findOne({ _id: 2 });
    expectEqual(alan, { _id: 2, age: 43, tags: ['logic', 'cs', 'ai'], visits: 1, fullName: 'alan' }, 'document after the operator updates');
    const ada = await people.findOne({ _id: 1 });
    expectEqual(ada, { _id: 1, name: 'ada', age: 37, address: { city: 'London', zip: 'NW1' } }, 'document after $set/$unset');
    r = await people.updateOne({ _id: 1 }, { $set: { age: 37 } });
    expectEqual([r.matchedCount, r.modifiedCount], [1, 0], 'a no-op update matches but does not modify');
    r = await people.updateMany({ age: { $gt: 40 } }, { $set: { senior: true } });
    expectEqual([r.matchedCount, r.modifiedCount], [2, 2], 'updateMany');
    r = await people.updateOne({ _id: 10 }, { $set: { name: 'new' }, $setOnInsert: { created: true } }, { upsert: true });
    expectEqual([r.matchedCount, r.upsertedCount, r.upsertedId], [0, 1, 10], 'upsert');
    expectEqual(await people.findOne({ _id: 10 }), { _id: 10, name: 'new', created: true }, 'upserted document');
    r = await people.replaceOne({ _id: 3 }, { name: 'grace hopper', rank: 'admiral' });
    expectEqual([r.matchedCount, r.modifiedCount], [1, 1], 'replaceOne');
    expectEqual(await people.findOne({ _id: 3 }), { _id: 3, name: 'grace hopper', rank: 'admiral' }, 'replaced document');
    await expectError(() => people.updateOne({ _id: 3 }, { $inc: { name: 1 } }),
      (e) => expectEqual(e.code, 14, '$inc on a string is TypeMismatch'), '$inc on a string');
    await expectError(() => people.updateOne({ _id: 3 }, { $set: { _id: 4 } }),
      (e) => expectEqual(e.code, 66, 'changing _id is ImmutableField'), 'changing _id');

    // Duplicate key.
    const dup = await expectError(() => people.insertOne({ _id: 1, name: 'again' }),
      (e) => expectEqual(e.code, 11000, 'duplicate key code'), 'duplicate _id');
    expectTrue(/E11000 duplicate key error/.test(dup.message), `duplicate key message: ${dup.message}`);
    const unordered = await expectError(() => people.insertMany([{ _id: 20 }, { _id: 1 }, { _id: 21 }], { ordered: false }),
      (e) => expectEqual(e.writeErrors.length ?? 1, 1, 'one write error'), 'unordered insert with a duplicate');
    expectEqual(unordered.result.insertedCount, 2, 'unordered insert continues past the duplicate');

    // Deletes.
    let d = await people.deleteOne({ senior: true });
    expectEqual(d.deletedCount, 1, 'deleteOne');
    d = await people.deleteMany({ _id: { $gte: 20 } });
    expectEqual(d.deletedCount, 2, 'deleteMany');

    // Aggregate.
    const agg = await bulk.aggregate([{ $match: { even: false } }, { $sort: { _id: -1 } }, { $limit: 2 }, { $project: { _id: 1 } }]).toArray();
    expectEqual(agg, [{ _id: 249 }, { _id: 247 }], 'aggregate $match/$sort/$limit/$project');
    await expectError(() => bulk.aggregate([{ $lookup: { from: 'people', localField: '_id', foreignField: '_id', as: 'p' } }]).toArray(),
      (e) => expectTrue(/not emulated by the cdc sandbox/.test(e.message), `unsupported stage message: ${e.message}`), 'unsupported stage');

    // Catalog commands.
    await db.createCollection('images', { changeStreamPreAndPostImages: { enabled: true } });
    const collections = await db.listCollections().toArray();
    expectEqual(collections.map((c) => c.name).sort(), ['bulk', 'images', 'people'], 'listCollections');
    expectEqual(collections.find((c) => c.name === 'images').options, { changeStreamPreAndPostImages: { enabled: true } }, 'create options stored');
    expectEqual((await db.listCollections({}, { nameOnly: true }).toArray()).length, 3, 'listCollections nameOnly');
    const dbs = await admin.command({ listDatabases: 1, nameOnly: true });
    expectTrue(dbs.databases.some((x) => x.name === 'crud'), 'listDatabases lists crud');
    await db.command({ collMod: 'images', changeStreamPreAndPostImages: { enabled: false } });
    await people.rename('humans');
    expectEqual((await db.collection('humans').countDocuments({})), 4, 'renamed collection keeps its documents');
    expectEqual(await db.collection('images').drop(), true, 'drop');
    expectEqual((await db.listCollections().toArray()).map((c) => c.name).sort(), ['bulk', 'humans'], 'collections after rename and drop');

    // An unsupported command fails with the server's own error shape.
    const unsupported = await expectError(() => db.command({ mapReduce: 'bulk' }), (e) => {
      expectTrue(e instanceof MongoServerError, 'a MongoServerError');
      expectEqual([e.code, e.codeName], [59, 'CommandNotFound'], 'unsupported command code');
    }, 'unsupported command');
    expectTrue(/cdc sandbox does not emulate/.test(unsupported.message), `unsupported command message: ${unsupported.message}`);

    await client.db('crud').dropDatabase();
    expectTrue(!(await admin.command({ listDatabases: 1 })).databases.some((x) => x.name === 'crud'), 'dropDatabase');
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
