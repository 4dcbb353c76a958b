// A partition leader goes down and comes back: a producer that may not retry fails, one that retries succeeds once the
// broker is up again. The test drives the cluster between the steps:
//   stdin  {"bootstrapServers", "topic"}   stdout "ready"          (both producers connected, leader known)
//   stdin  "down"  (leader is down)        stdout "failed"         (the no-retry send failed; retrying send started)
//   stdin  "up"    (leader is up)          stdout {"quickError": [...], "offset": "…"}
import { createKafka, deadline, errorChain, fail, handshake, readRequest } from './kafka-common.mjs';

deadline(28);
const request = await readRequest();
const { topic } = request;
const timeouts = { connectionTimeout: 500, requestTimeout: 2000 };
const quick = createKafka({ ...request, clientId: 'down-quick' }, { ...timeouts, retry: { retries: 0 } }).producer();
const patient = createKafka(
  { ...request, clientId: 'down-patient' },
  { ...timeouts, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 500 } },
).producer();
await quick.connect();
await patient.connect();
// Both learn the partition's leader and connect to it while it is up.
await quick.send({ topic, messages: [{ key: 'k', value: 'before-quick' }] });
await patient.send({ topic, messages: [{ key: 'k', value: 'before-patient' }] });

await handshake('ready', 'down');
let quickError;
try {
  await quick.send({ topic, messages: [{ key: 'k', value: 'while-down' }] });
} catch (e) {
  quickError = errorChain(e);
}
if (!quickError) fail('a send without retries succeeded while the partition leader was down');

const retried = patient.send({ topic, messages: [{ key: 'k', value: 'after-up' }] });
await handshake('failed', 'up');
const [result] = await retried;
if (result.errorCode !== 0) fail(`the retried send ended with error code ${result.errorCode}`);
await quick.disconnect();
await patient.disconnect();
process.stdout.write(JSON.stringify({ quickError, offset: result.baseOffset }) + '\n');
