// The test has queued Produce errors on the cluster before this runs. One send with retries:
//   "retried":  the errors are retriable; the send must succeed, and kafkajs must have logged each error response.
//   "rejected": the error is not retriable; the send must fail with exactly that Kafka error.
// stdin: {"bootstrapServers", "topic", "errorName", "expect"}; stdout: {"errorResponses", "errorChain"?, "offset"?}.
import { createKafka, deadline, errorChain, errorCodes, fail, logs, readRequest } from './kafka-common.mjs';

deadline(20);
const request = await readRequest();
const { topic, errorName, expect } = request;
const known = errorCodes.find((e) => e.type === errorName);
if (!known) fail(`kafkajs knows no error ${errorName}`);

const producer = createKafka(request, { retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 500 } }).producer();
await producer.connect();
let result;
let failure;
try {
  [result] = await producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });
} catch (e) {
  failure = errorChain(e);
}
await producer.disconnect();

// kafkajs logs every Produce response that carried an error, with the error's message.
const errorResponses = logs.filter((l) => l.message.startsWith('Response Produce') && l.error === known.message).length;
if (expect === 'retried') {
  if (failure) fail(`the send failed (${failure.join(' <- ')}) though ${errorName} is retriable`);
  process.stdout.write(JSON.stringify({ errorResponses, offset: result.baseOffset }) + '\n');
} else if (expect === 'rejected') {
  if (!failure) fail(`the send succeeded though ${errorName} was queued for it`);
  if (!failure.includes(errorName)) fail(`the send failed with ${failure.join(' <- ')}, not ${errorName}`);
  process.stdout.write(JSON.stringify({ errorResponses, errorChain: failure }) + '\n');
} else {
  fail(`unknown expectation ${expect}`);
}
