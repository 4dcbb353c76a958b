// The peer of the `peer` benchmark: the MongoDB → Kafka bridge a team would write in Node.js instead of running cdc.
// One collection's change stream (the official mongodb driver) → one Avro record per event (avsc), framed the Schema
// Registry way (magic byte 0, 4-byte big-endian schema id, Avro body) → kafkajs with acks=all, in batches; the resume
// token of a batch's last event goes to a checkpoint file only once Kafka acknowledged the whole batch, so a restart
// resumes after the last acknowledged event (at-least-once, like cdc).
//
// Catch-up mode: it stops once it has published --events events and prints one JSON line on stdout. Before that it
// prints {"firstPublished":true} when it hands its first batch to the producer, so the benchmark can read this
// process's CPU time from that point on, as it does for `cdc run`.
//
// node bridge.mjs --mongodb URI --database DB --collection COLL --kafka HOST:PORT[,…] --registry URL --topic TOPIC
//                 --checkpoint FILE --events N [--start-at SECONDS[:INCREMENT]] [--batch 1000]
//                 [--compression none|gzip]
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MongoClient, Timestamp } from 'mongodb';
import { EJSON } from 'bson';
import avro from 'avsc';
import kafkajs from 'kafkajs';

const { Kafka, CompressionTypes, Partitioners, logLevel } = kafkajs;

const usage =
  'usage: node bridge.mjs --mongodb URI --database DB --collection COLL --kafka HOST:PORT[,…] --registry URL --topic TOPIC ' +
  '--checkpoint FILE --events N [--start-at SECONDS[:INCREMENT]] [--batch 1000] [--compression none|gzip]';

function fail(message) {
  console.error(`bridge: ${message}`);
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      mongodb: { type: 'string' },
      database: { type: 'string' },
      collection: { type: 'string' },
      kafka: { type: 'string' },
      registry: { type: 'string' },
      topic: { type: 'string' },
      checkpoint: { type: 'string' },
      events: { type: 'string' },
      'start-at': { type: 'string' },
      batch: { type: 'string', default: '1000' },
      compression: { type: 'string', default: 'none' },
    },
  }));
} catch (error) {
  fail(`${error.message}\n${usage}`);
}
for (const name of ['mongodb', 'database', 'collection', 'kafka', 'registry', 'topic', 'checkpoint', 'events']) {
  if (!options[name]) fail(`--${name} is required.\n${usage}`);
}
const events = Number.parseInt(options.events, 10);
const batchSize = Number.parseInt(options.batch, 10);
if (!Number.isInteger(events) || events < 1) fail(`--events must be a positive whole number, not '${options.events}'.`);
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch must be a positive whole number, not '${options.batch}'.`);
const compressions = { none: CompressionTypes.None, gzip: CompressionTypes.GZIP };
if (!(options.compression in compressions)) fail(`--compression must be none or gzip, not '${options.compression}' (kafkajs has no built-in lz4/snappy/zstd codec).`);

// The envelope: what a consumer needs to apply the change, bodies as Extended JSON strings (relaxed for documents,
// canonical for keys, as cdc does by default) so every BSON type survives without a per-collection schema.
const valueSchema = {
  type: 'record',
  name: 'ChangeEvent',
  namespace: 'bench.bridge',
  fields: [
    { name: 'operationType', type: 'string' },
    { name: 'ns', type: 'string' },
    { name: 'documentKey', type: 'string' },
    { name: 'fullDocument', type: ['null', 'string'], default: null },
    {
      name: 'clusterTime',
      type: { type: 'record', name: 'Timestamp', fields: [{ name: 't', type: 'long' }, { name: 'i', type: 'long' }] },
    },
  ],
};
const keySchema = 'string';
const valueType = avro.Type.forSchema(valueSchema);
const keyType = avro.Type.forSchema(keySchema);

/** Registers a schema under a subject with the Schema Registry's REST API; its id. */
async function register(subject, schema) {
  const url = `${options.registry.replace(/\/$/, '')}/subjects/${encodeURIComponent(subject)}/versions`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!response.ok) throw new Error(`the Schema Registry refused the schema of ${subject}: ${response.status} ${await response.text()}`);
  return (await response.json()).id;
}

/** Magic byte 0, the schema id as 4 bytes big-endian, the Avro body. */
function framed(id, type, value) {
  const body = type.toBuffer(value);
  const buffer = Buffer.allocUnsafe(5 + body.length);
  buffer.writeUInt8(0, 0);
  buffer.writeUInt32BE(id, 1);
  body.copy(buffer, 5);
  return buffer;
}

async function readCheckpoint(path) {
  try {
    return EJSON.parse(await readFile(path, 'utf8')).resumeToken;
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw new Error(`the checkpoint ${path} cannot be read (${error.message}); delete it to start from --start-at.`);
  }
}

/** Written beside and renamed over, so a crash leaves either the old checkpoint or the new one. */
async function writeCheckpoint(path, resumeToken) {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, EJSON.stringify({ resumeToken }, { relaxed: false }));
  await rename(temporary, path);
}

function startAt(text) {
  const [seconds, increment = '0'] = text.split(':');
  const t = Number.parseInt(seconds, 10);
  const i = Number.parseInt(increment, 10);
  if (!Number.isInteger(t) || !Number.isInteger(i)) fail(`--start-at must be SECONDS[:INCREMENT], not '${text}'.`);
  return new Timestamp({ t, i });
}

const resumeToken = await readCheckpoint(options.checkpoint);
if (resumeToken === null && !options['start-at']) fail('there is no checkpoint yet: give --start-at SECONDS[:INCREMENT].');

const [keyId, valueId] = await Promise.all([
  register(`${options.topic}-key`, keySchema),
  register(`${options.topic}-value`, valueSchema),
]);

const kafka = new Kafka({ clientId: 'bench-bridge', brokers: options.kafka.split(','), logLevel: logLevel.WARN });
// The default (Java-compatible murmur2) partitioner, named so kafkajs does not warn about its v2 change.
const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
const client = new MongoClient(options.mongodb, { serverSelectionTimeoutMS: 10_000 });
await Promise.all([producer.connect(), client.connect()]);

const collection = client.db(options.database).collection(options.collection);
// updateLookup: an update's record carries the document as it is now, as an insert's does (the envelope has no
// updateDescription).
const position = resumeToken !== null ? { resumeAfter: resumeToken } : { startAtOperationTime: startAt(options['start-at']) };
const stream = collection.watch([], { ...position, fullDocument: 'updateLookup' });

let published = 0;
let firstPublishedAt = 0n;
let cpuAtFirst = null;
let batch = [];
let lastToken = null;

/** Sends the batch with acks=all and, once Kafka acknowledged all of it, checkpoints its last event's resume token. */
async function flush() {
  if (batch.length === 0) return;
  const messages = batch;
  const token = lastToken;
  batch = [];
  const sending = producer.send({ topic: options.topic, acks: -1, compression: compressions[options.compression], messages });
  if (firstPublishedAt === 0n) {
    firstPublishedAt = process.hrtime.bigint();
    cpuAtFirst = process.cpuUsage();
    console.log(JSON.stringify({ firstPublished: true }));
  }
  await sending;
  await writeCheckpoint(options.checkpoint, token);
  published += messages.length;
}

try {
  while (published + batch.length < events) {
    // tryNext returns null when a getMore came back empty: nothing more for now, so what is held goes out.
    const change = await stream.tryNext();
    if (change === null) {
      await flush();
      continue;
    }

    const key = EJSON.stringify(change.documentKey, { relaxed: false });
    batch.push({
      key: framed(keyId, keyType, key),
      value: framed(valueId, valueType, {
        operationType: change.operationType,
        ns: `${change.ns.db}.${change.ns.coll}`,
        documentKey: key,
        fullDocument: change.fullDocument ? EJSON.stringify(change.fullDocument, { relaxed: true }) : null,
        clusterTime: { t: change.clusterTime.t, i: change.clusterTime.i },
      }),
    });
    lastToken = change._id;
    // Send when the batch is full or when the driver holds no more events of the batch it fetched.
    if (batch.length >= batchSize || stream.bufferedCount() === 0) await flush();
  }

  await flush();
  const seconds = Number(process.hrtime.bigint() - firstPublishedAt) / 1e9;
  const cpu = process.cpuUsage(cpuAtFirst);
  const total = process.cpuUsage();
  console.log(JSON.stringify({
    events: published,
    seconds,
    eventsPerSecond: published / seconds,
    catchUpCpuSeconds: (cpu.user + cpu.system) / 1e6,
    cpuSeconds: (total.user + total.system) / 1e6,
    batch: batchSize,
    compression: options.compression,
  }));
} finally {
  await stream.close();
  await Promise.all([producer.disconnect(), client.close()]);
}
