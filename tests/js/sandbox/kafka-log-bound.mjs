// Fills one partition past the mock's log bound, then reads the partition's offsets as a consumer would see them.
// stdin: {"bootstrapServers", "topic", "batches", "messagesPerBatch", "valueBytes"}; stdout: {"low", "high"}.
import { createKafka, deadline, readRequest } from './kafka-common.mjs';

deadline(25);
const request = await readRequest();
const { topic, batches, messagesPerBatch, valueBytes } = request;
const kafka = createKafka(request);
const producer = kafka.producer();
await producer.connect();
const value = Buffer.alloc(valueBytes, 0x61);
for (let b = 0; b < batches; b++) {
  const messages = Array.from({ length: messagesPerBatch }, (_, i) => ({ key: `k${i}`, value, partition: 0 }));
  await producer.send({ topic, messages });
}
await producer.disconnect();

const admin = kafka.admin();
await admin.connect();
const [offsets] = await admin.fetchTopicOffsets(topic);
await admin.disconnect();
process.stdout.write(JSON.stringify({ low: Number(offsets.low), high: Number(offsets.high) }) + '\n');
