// Asks the cluster to create a topic through the Admin API (CreateTopics), which librdkafka's mock does not implement.
// stdin: {"bootstrapServers", "topic"}; stdout: {"created": bool, "errorChain"?: [...], "message"?: "..."}.
import { createKafka, deadline, errorChain, readRequest } from './kafka-common.mjs';

deadline(20);
const request = await readRequest();
const admin = createKafka(request, { retry: { retries: 0 } }).admin();
await admin.connect();
let outcome;
try {
  const created = await admin.createTopics({ topics: [{ topic: request.topic, numPartitions: 2 }], timeout: 2000 });
  outcome = { created };
} catch (e) {
  outcome = { created: false, errorChain: errorChain(e), message: e.message };
}
await admin.disconnect();
process.stdout.write(JSON.stringify(outcome) + '\n');
