// Produces records exactly as given, bytes and all, in order into one partition: for the tests of a consumer's
// handling of records that are not what the connector writes (not registry-framed, an unknown schema id, bad Avro).
// stdin: {"brokers", "topic", "partition", "records": [{"keyBase64", "valueBase64"}]} (null: no key, or a tombstone).
// stdout: {"produced": n}.
import { Kafka, logLevel } from 'kafkajs';
import { emit, fail, readFirstStdinLine } from './common.mjs';

const bytes = (base64) => (base64 === null ? null : Buffer.from(base64, 'base64'));

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const kafka = new Kafka({ clientId: 'cdc-it-records', brokers: input.brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  await producer.connect();
  const messages = input.records.map((r) => ({ partition: input.partition, key: bytes(r.keyBase64), value: bytes(r.valueBase64) }));
  await producer.send({ topic: input.topic, acks: -1, messages });
  await producer.disconnect();
  emit({ produced: messages.length });
} catch (e) {
  fail(e);
}
