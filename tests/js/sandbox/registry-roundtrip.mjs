// Registers, encodes and decodes through a Schema Registry with @kafkajs/confluent-schema-registry, a client no one
// here wrote. stdin: {"url": "http://127.0.0.1:port"}. Exits non-zero with a message on the first mismatch; on
// success prints one JSON line with what it saw, for the .NET test to check against the registry's own state.
import assert from 'node:assert/strict';
import registryPackage from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';

const { SchemaRegistry, SchemaType } = registryPackage;

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
  ],
};
const other = { type: 'record', name: 'Customer', namespace: 'shop', fields: [{ name: 'name', type: 'string' }] };
// id narrowed to int: a reader of this cannot read the longs written before, so BACKWARD refuses it.
const narrowed = { ...order, fields: [{ name: 'id', type: 'int' }, ...order.fields.slice(1)] };

// Few, quick retries: a wrong answer should fail fast rather than be retried into a timeout.
const client = () => new SchemaRegistry({ host: input.url, retry: { retries: 0 } });

async function main() {
  const writer = client();
  const { id } = await writer.register({ type: SchemaType.AVRO, schema: JSON.stringify(order) }, { subject: 'orders-value' });
  assert.equal(typeof id, 'number', `register answered a non-numeric id: ${id}`);

  const value = { id: 42, note: 'first', tags: ['a', 'b'] };
  const encoded = await writer.encode(id, value);
  assert.equal(encoded[0], 0, 'the payload does not start with the magic byte 0');
  assert.equal(encoded.readInt32BE(1), id, 'the payload does not carry the registered id');
  const independent = avro.Type.forSchema(order).fromBuffer(encoded.subarray(5));
  assert.deepEqual({ ...independent }, value, 'avsc reads something else than was encoded');

  // A fresh client has an empty cache, so decoding must fetch the schema by id from the registry.
  const decoded = await client().decode(encoded);
  assert.deepEqual({ ...decoded }, value, `decoding through the registry gave ${JSON.stringify(decoded)}`);

  // The same schema, laid out differently, under another subject: the same id.
  const spaced = JSON.stringify(order, null, 2);
  const { id: copyId } = await client().register({ type: SchemaType.AVRO, schema: spaced }, { subject: 'orders-copy-value' });
  assert.equal(copyId, id, `the identical schema got id ${copyId} under another subject, not ${id}`);

  const { id: otherId } = await writer.register({ type: SchemaType.AVRO, schema: JSON.stringify(other) }, { subject: 'customers-value' });
  assert.notEqual(otherId, id, 'a different schema got the same id');

  const latestId = await client().getLatestSchemaId('orders-value');
  assert.equal(latestId, id, `latest id of orders-value is ${latestId}, not ${id}`);
  const byVersion = await client().getRegistryId('orders-value', 1);
  assert.equal(byVersion, id, `version 1 of orders-value has id ${byVersion}, not ${id}`);
  const byLookup = await client().getRegistryIdBySchema('orders-value', { type: SchemaType.AVRO, schema: JSON.stringify(order) });
  assert.equal(byLookup, id, `lookup found id ${byLookup}, not ${id}`);

  let refusal;
  try {
    await client().register({ type: SchemaType.AVRO, schema: JSON.stringify(narrowed) }, { subject: 'orders-value' });
  } catch (error) {
    refusal = error;
  }
  assert.ok(refusal, 'the registry accepted a schema that BACKWARD compatibility refuses');
  assert.equal(refusal.status, 409, `an incompatible schema was refused with ${refusal.status}: ${refusal.message}`);

  process.stdout.write(JSON.stringify({ id, copyId, otherId, decoded: { ...decoded }, refusal: refusal.message }) + '\n');
}

try {
  await main();
} catch (error) {
  process.stderr.write(`registry-roundtrip: ${error?.stack ?? error}\n`);
  process.exit(1);
}
