// Collection validators through the official Node.js driver: createCollection with a $jsonSchema validator and a
// validation level, collMod replacing the validator and setting the action, listCollections returning them in
// options exactly as given (no validationLevel/validationAction a user did not set), the modify event of an expanded
// stream, and the error of a validator that is not a document. The emulator stores validators; it does not enforce them.
// stdin: {"uri": "..."}. Prints {"ok": true, ...} on success; exits non-zero naming the first mismatch.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take } from './mongo-changestream-common.mjs';

const ordersSchema = {
  bsonType: 'object',
  required: ['customerId', 'total'],
  properties: {
    customerId: { bsonType: 'objectId' },
    total: { bsonType: 'decimal', description: 'order total' },
    items: { bsonType: 'array', items: { bsonType: 'object', properties: { sku: { bsonType: 'string' } } } },
  },
};

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('shopv');
    await db.createCollection('orders', { validator: { $jsonSchema: ordersSchema }, validationLevel: 'moderate' });
    await db.createCollection('plain');
    const expanded = await openStream(db.collection('orders'), [], { showExpandedEvents: true });

    const info = async (name) => (await db.listCollections({ name }).toArray())[0].options;
    expectEqual(await info('orders'), { validator: { $jsonSchema: ordersSchema }, validationLevel: 'moderate' }, 'options after createCollection');
    expectEqual(await info('plain'), {}, 'a collection without a validator has none');

    const mixed = { $and: [{ $jsonSchema: ordersSchema }, { total: { $exists: true } }] };
    await db.command({ collMod: 'orders', validator: mixed, validationAction: 'warn' });
    expectEqual(await info('orders'), { validator: mixed, validationLevel: 'moderate', validationAction: 'warn' }, 'options after collMod');

    const [modify] = await take(expanded, 1, 'expanded events');
    expectEqual(modify.operationType, 'modify', 'collMod is a modify event');
    expectEqual(modify.operationDescription.validator, mixed, 'the modify event carries the new validator');

    await expectError(() => db.command({ collMod: 'orders', validator: 'none' }), (e) => expectEqual(e.code, 14, 'validator not a document'), 'validator type');
    await expectError(() => db.createCollection('bad', { validationLevel: 'lenient' }), (e) => expectEqual(e.code, 2, 'unknown validation level'), 'validation level');
    await expanded.close();
    console.log(JSON.stringify({ ok: true, collections: 2 }));
  } finally {
    await client.close();
  }
});
