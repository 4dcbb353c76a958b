// Times one produce before and one after the test adds a round-trip delay to the brokers.
//   stdin  {"bootstrapServers", "topic"}   stdout "ready"   (connected, leader known, baseline timed)
//   stdin  "go"   (delay set)              stdout {"baselineMs", "delayedMs"}
import { createKafka, deadline, handshake, readRequest } from './kafka-common.mjs';

deadline(28);
const request = await readRequest();
const { topic } = request;
const producer = createKafka(request, { requestTimeout: 20000 }).producer();
await producer.connect();
await producer.send({ topic, messages: [{ key: 'k', value: 'warm-up' }] });

async function timedSend(value) {
  const started = process.hrtime.bigint();
  await producer.send({ topic, messages: [{ key: 'k', value }] });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const baselineMs = await timedSend('baseline');
await handshake('ready', 'go');
const delayedMs = await timedSend('delayed');
await producer.disconnect();
process.stdout.write(JSON.stringify({ baselineMs, delayedMs }) + '\n');
