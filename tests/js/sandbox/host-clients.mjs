// Talks to a running `cdc sandbox` through the endpoints of its ready line, with clients no one here wrote: the
// official MongoDB driver, kafkajs and @kafkajs/confluent-schema-registry.
// stdin: the ready line {"mongodb", "kafka", "schemaRegistry", "control"} plus "topic" (created beforehand through the
// control API). stdout: one JSON line with what each client saw; exits non-zero naming the first failed expectation.
import assert from 'node:assert/strict';
import { MongoClient } from 'mongodb';
import { Kafka, logLevel } from 'kafkajs';
import registryPackage from '@kafkajs/confluent-schema-registry';

const { SchemaRegistry, SchemaType } = registryPackage;

const timer = setTimeout(() => {
  process.stderr.write('timed out after 45 s\n');
  process.exit(1);
}, 45_000);
timer.unref();

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

async function mongo() {
  const client = new MongoClient(input.mongodb, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const people = client.db('host').collection('people');
    const inserted = await people.insertOne({ _id: 7, name: 'ada', langs: ['en', 'fr'] });
    assert.equal(inserted.insertedId, 7, 'insertOne insertedId');
    const found = await people.findOne({ name: 'ada' });
    assert.deepEqual(found, { _id: 7, name: 'ada', langs: ['en', 'fr'] }, 'findOne returned something else');
    const hello = await client.db('admin').command({ hello: 1 });
    return { found, setName: hello.setName, isWritablePrimary: hello.isWritablePrimary };
  } finally {
    await client.close();
  }
}

async function kafka() {
  const cluster = new Kafka({ clientId: 'host-test', brokers: input.kafka.split(','), logLevel: logLevel.NOTHING });
  const producer = cluster.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const messages = [0, 1, 2].map((i) => ({ key: `k${i}`, value: `v${i}` }));
  await producer.send({ topic: input.topic, acks: -1, messages });
  await producer.disconnect();

  const consumer = cluster.consumer({ groupId: `host-test-${Date.now()}`, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: input.topic, fromBeginning: true });
  const received = [];
  await new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        received.push({ key: message.key.toString(), value: message.value.toString() });
        if (received.length >= messages.length) resolve();
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  received.sort((a, b) => a.key.localeCompare(b.key));
  assert.deepEqual(received, messages, 'consumed messages differ from the produced ones');
  return { received: received.length };
}

async function registry() {
  const schema = { type: 'record', name: 'Person', namespace: 'host', fields: [{ name: 'name', type: 'string' }] };
  const writer = new SchemaRegistry({ host: input.schemaRegistry, retry: { retries: 0 } });
  const { id } = await writer.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject: 'people-value' });
  // A fresh client has an empty cache: fetching by id goes to the registry.
  const fetched = await new SchemaRegistry({ host: input.schemaRegistry, retry: { retries: 0 } }).getSchema(id);
  const encoded = await writer.encode(id, { name: 'ada' });
  const decoded = await new SchemaRegistry({ host: input.schemaRegistry, retry: { retries: 0 } }).decode(encoded);
  assert.equal(decoded.name, 'ada', 'decoding through the registry');
  return { id, fetchedName: fetched.name, latestId: await writer.getLatestSchemaId('people-value') };
}

try {
  const result = { mongodb: await mongo(), kafka: await kafka(), schemaRegistry: await registry() };
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (e) {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
}
