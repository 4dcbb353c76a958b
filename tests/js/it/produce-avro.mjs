// For the harness's own test: produces registry-framed Avro records (and one tombstone) as a connector would, so the
// reader is checked without the connector. stdin: {"brokers", "registry", "topic", "count"}. stdout: {"produced": n}.
import { Kafka, logLevel } from 'kafkajs';
import registryPackage from '@kafkajs/confluent-schema-registry';
import { emit, fail, readFirstStdinLine } from './common.mjs';

const { SchemaRegistry, SchemaType } = registryPackage;

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const registry = new SchemaRegistry({ host: input.registry });
  const keySchema = { type: 'record', name: 'Key', namespace: 'it', fields: [{ name: 'documentKey', type: 'string' }] };
  const valueSchema = { type: 'record', name: 'Value', namespace: 'it', fields: [{ name: 'resumeToken', type: 'string' }, { name: 'v', type: 'int' }] };
  const { id: keyId } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(keySchema) }, { subject: `${input.topic}-key` });
  const { id: valueId } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(valueSchema) }, { subject: `${input.topic}-value` });
  const kafka = new Kafka({ clientId: 'cdc-it-producer', brokers: input.brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const messages = [];
  for (let i = 0; i < input.count; i += 1) {
    const key = await registry.encode(keyId, { documentKey: `{"_id":"d-${i % 3}"}` });
    messages.push({ key, value: await registry.encode(valueId, { resumeToken: `t${i}`, v: i }), headers: { n: `${i}` } });
  }
  messages.push({ key: await registry.encode(keyId, { documentKey: '{"_id":"d-0"}' }), value: null });
  await producer.send({ topic: input.topic, acks: -1, messages });
  await producer.disconnect();
  emit({ produced: messages.length });
} catch (e) {
  fail(e);
}
