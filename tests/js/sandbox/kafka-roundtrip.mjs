// Produces keyed messages with one kafkajs client and consumes them back with another, through a consumer group.
// Checks: every message arrives exactly once, each key stays on one partition, per-partition offsets increase, and
// each key's messages arrive in the order they were produced.
// stdin: {"bootstrapServers", "topic", "keys", "messagesPerKey"}; stdout: JSON summary.
import { createKafka, deadline, fail, readRequest } from './kafka-common.mjs';

deadline(25);
const request = await readRequest();
const { topic, keys, messagesPerKey } = request;
const expected = keys * messagesPerKey;

const producerKafka = createKafka({ ...request, clientId: 'roundtrip-producer' });
const producer = producerKafka.producer({ allowAutoTopicCreation: false });
await producer.connect();
// One send per round, so each key's messages are produced in sequence order.
for (let seq = 0; seq < messagesPerKey; seq++) {
  const messages = [];
  for (let k = 0; k < keys; k++) {
    messages.push({ key: `key-${k}`, value: JSON.stringify({ key: `key-${k}`, seq }) });
  }
  await producer.send({ topic, acks: -1, messages });
}
await producer.disconnect();

const consumerKafka = createKafka({ ...request, clientId: 'roundtrip-consumer' });
const consumer = consumerKafka.consumer({ groupId: `roundtrip-${Date.now()}`, heartbeatInterval: 500 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });

const received = [];
await new Promise((resolve, reject) => {
  consumer
    .run({
      eachMessage: async ({ partition, message }) => {
        received.push({
          partition,
          offset: Number(message.offset),
          key: message.key?.toString(),
          value: JSON.parse(message.value.toString()),
        });
        if (received.length >= expected) resolve();
      },
    })
    .catch(reject);
});
// A moment for anything unexpected (duplicates) to arrive before checking.
await new Promise((r) => setTimeout(r, 300));
await consumer.disconnect();

if (received.length !== expected) fail(`expected ${expected} messages, received ${received.length}`);

const partitionOfKey = new Map();
const nextSeqOfKey = new Map();
const lastOffsetOfPartition = new Map();
const countPerPartition = {};
for (const m of received) {
  if (m.key !== m.value.key) fail(`message at ${m.partition}/${m.offset} has key ${m.key} but value for ${m.value.key}`);
  const partitionSeen = partitionOfKey.get(m.key);
  if (partitionSeen !== undefined && partitionSeen !== m.partition) {
    fail(`key ${m.key} arrived on partitions ${partitionSeen} and ${m.partition}`);
  }
  partitionOfKey.set(m.key, m.partition);
  const lastOffset = lastOffsetOfPartition.get(m.partition) ?? -1;
  if (m.offset <= lastOffset) fail(`partition ${m.partition}: offset ${m.offset} after ${lastOffset}`);
  lastOffsetOfPartition.set(m.partition, m.offset);
  const expectedSeq = nextSeqOfKey.get(m.key) ?? 0;
  if (m.value.seq !== expectedSeq) fail(`key ${m.key}: sequence ${m.value.seq} where ${expectedSeq} was next`);
  nextSeqOfKey.set(m.key, expectedSeq + 1);
  countPerPartition[m.partition] = (countPerPartition[m.partition] ?? 0) + 1;
}
if (nextSeqOfKey.size !== keys) fail(`expected ${keys} keys, received ${nextSeqOfKey.size}`);

process.stdout.write(
  JSON.stringify({ received: received.length, keys: nextSeqOfKey.size, countPerPartition }) + '\n',
);
