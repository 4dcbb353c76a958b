// A topic's records as raw bytes, without the registry, as an operator's Kafka tool sees them: for the checkpoint
// topic, whose values are the kafka checkpoint store's JSON (or whatever a test put there instead).
// stdin: {"brokers", "topic", "produce"?: {"key", "valueBase64"} (valueBase64 null: a tombstone), "readKey"?, "readAll"?}.
// "produce" writes one record (acks=all); "readKey" then reads every record with that key, from the beginning of each
// partition to its end; "readAll" reads every record, whatever its key (a dead-letter topic, whose keys are Avro).
// The reader stops at each partition's high watermark, so it is meant for topics without transaction markers at their
// end. stdout: {"produced": n, "values": [base64 | null, …] (in offset order per partition),
// "records": [{"keyBase64", "valueBase64", "headers": {name: utf8}}, …] (with readAll)}.
import { Kafka, logLevel } from 'kafkajs';
import { emit, fail, readFirstStdinLine } from './common.mjs';

async function produce(kafka, topic, record) {
  const producer = kafka.producer();
  await producer.connect();
  const value = record.valueBase64 === null ? null : Buffer.from(record.valueBase64, 'base64');
  await producer.send({ topic, acks: -1, messages: [{ key: Buffer.from(record.key, 'utf8'), value }] });
  await producer.disconnect();
  return 1;
}

async function read(kafka, topic, key, all) {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const pending = new Map();
  for (const o of offsets) {
    if (BigInt(o.high) > BigInt(o.low)) pending.set(o.partition, BigInt(o.high));
  }

  const values = [];
  const records = [];
  if (pending.size === 0) return { values, records };
  const consumer = kafka.consumer({ groupId: `cdc-it-raw-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (all) {
          const headers = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = value?.toString('utf8') ?? null;
          records.push({ keyBase64: message.key?.toString('base64') ?? null, valueBase64: message.value?.toString('base64') ?? null, headers });
        } else if (message.key?.toString('utf8') === key) {
          values.push(message.value?.toString('base64') ?? null);
        }
        if (BigInt(message.offset) + 1n >= (pending.get(partition) ?? 0n)) pending.delete(partition);
        if (pending.size === 0) resolve();
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  return { values, records };
}

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const kafka = new Kafka({ clientId: 'cdc-it-raw', brokers: input.brokers.split(','), logLevel: logLevel.NOTHING });
  const produced = input.produce ? await produce(kafka, input.topic, input.produce) : 0;
  const read_ = input.readKey !== undefined || input.readAll ? await read(kafka, input.topic, input.readKey, input.readAll === true) : { values: [], records: [] };
  emit({ produced, values: read_.values, records: read_.records });
} catch (e) {
  fail(e);
}
