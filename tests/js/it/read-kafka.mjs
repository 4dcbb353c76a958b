// Reads what the connector published, decoded through the Schema Registry by code no one here wrote (kafkajs and
// @kafkajs/confluent-schema-registry, which uses avsc).
// stdin: first line {"brokers", "registry", "topics": [..] (subscribed up front), "topicPattern"? (a regex; matching
//   topics are added as they appear), "refreshMs"?, "groupId"}; later "stop" (or closing stdin) ends it.
// stdout: {"status":"ready","topics":[..]} once the consumer joined, then one line per record, in each partition's
//   offset order: {"topic", "partition", "offset", "timestamp" (the producer's CreateTime, ms), "key", "value" (null for a tombstone), "headers": {name: utf8},
//   "keyBytes", "valueBytes" (the record's framed bytes as base64, null when absent, for the .NET side's second decoder)}; a
//   record that does not decode gets "decodeError" instead of key/value. {"status":"resubscribed","topics":[..]} when
//   new topics joined, and {"status":"end","records":N} at the end.
import kafkajs from 'kafkajs';
import registryPackage from '@kafkajs/confluent-schema-registry';
import lz4 from 'lz4js';
import { emit, exitWhenFlushed, fail, readFirstStdinLine, stopRequested } from './common.mjs';

const { CompressionCodecs, CompressionTypes, Kafka, logLevel } = kafkajs;
const { SchemaRegistry } = registryPackage;

// kafkajs reads gzip only; a connector left at its default (lz4, as `cdc demo` is) writes LZ4 frames. lz4js (pure
// JavaScript, not librdkafka's C code) decompresses them. This reader never produces, so it never compresses.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  async compress() { throw new Error('read-kafka.mjs only reads: it has no LZ4 compressor'); },
  async decompress(buffer) { return Buffer.from(lz4.decompress(buffer)); },
});

try {
  const { input, lines } = await readFirstStdinLine();
  const stop = stopRequested(lines);
  let stopping = false;
  stop.then(() => { stopping = true; });
  const registry = new SchemaRegistry({ host: input.registry, retry: { retries: 5 } });
  const kafka = new Kafka({ clientId: 'cdc-it-reader', brokers: input.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const pattern = input.topicPattern ? new RegExp(input.topicPattern) : null;
  const subscribed = new Set(input.topics ?? []);
  // A consumer restarted to add topics reads every topic from the beginning again: skip what was already written.
  const nextOffset = new Map();
  let records = 0;

  async function discover() {
    if (pattern === null) return false;
    const added = (await admin.listTopics()).filter((t) => pattern.test(t) && !subscribed.has(t));
    for (const t of added) subscribed.add(t);
    return added.length > 0;
  }

  async function decode(buffer) {
    return buffer === null ? null : registry.decode(buffer);
  }

  let generation = 0;
  async function startConsumer() {
    // A fresh group each time: no wait for the previous member to leave, and fromBeginning applies to every topic.
    generation += 1;
    const consumer = kafka.consumer({ groupId: `${input.groupId}-${generation}`, heartbeatInterval: 500, sessionTimeout: 10000, maxWaitTimeInMs: 200 });
    await consumer.connect();
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.subscribe({ topics: [...subscribed], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const where = `${topic}/${partition}`;
        const offset = Number(message.offset);
        if (offset < (nextOffset.get(where) ?? 0)) return;
        nextOffset.set(where, offset + 1);
        const headers = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = value?.toString('utf8') ?? null;
        const line = {
          topic, partition, offset, timestamp: Number(message.timestamp), headers,
          keyBytes: message.key?.toString('base64') ?? null, valueBytes: message.value?.toString('base64') ?? null,
        };
        try {
          line.key = await decode(message.key);
          line.value = await decode(message.value);
        } catch (e) {
          line.decodeError = `${e.name}: ${e.message}`;
        }
        emit(line);
        records += 1;
      },
    });
    await joined;
    return consumer;
  }

  while (subscribed.size === 0 && !stopping) {
    await discover();
    if (subscribed.size === 0) await new Promise((resolve) => setTimeout(resolve, input.refreshMs ?? 1000));
  }
  let consumer = stopping ? null : await startConsumer();
  if (consumer !== null) emit({ status: 'ready', topics: [...subscribed].sort() });
  while (!stopping) {
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, input.refreshMs ?? 1000))]);
    if (!stopping && await discover()) {
      await consumer.disconnect();
      consumer = await startConsumer();
      emit({ status: 'resubscribed', topics: [...subscribed].sort() });
    }
  }
  if (consumer !== null) await consumer.disconnect();
  await admin.disconnect();
  emit({ status: 'end', records });
  exitWhenFlushed(0);
} catch (e) {
  fail(e);
}
