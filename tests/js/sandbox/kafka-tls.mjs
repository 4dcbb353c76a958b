// kafkajs over TLS through the sandbox's relays, trusting only the sandbox's throwaway CA (given as PEM text, the way
// kafkajs takes it: ssl: { ca: [pem] }). Produces keyed messages, consumes them back through a consumer group, and
// reports the brokers Metadata names, so the test can check they are the relays and not the mock's plaintext ports.
// stdin: {"bootstrapServers", "caPem", "topic", "messages"}; stdout: JSON {"received", "brokers": [{nodeId, host, port}]}.
import { createKafka, deadline, fail, readRequest } from './kafka-common.mjs';

deadline(50);
const request = await readRequest();
const { topic, messages, caPem } = request;
// rejectUnauthorized stays true (the default): the handshake must succeed on the CA alone, host name checked.
const ssl = { ca: [caPem], rejectUnauthorized: true };

const kafka = createKafka({ ...request, clientId: 'tls-client' }, { ssl });
const admin = kafka.admin();
await admin.connect();
const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
const cluster = await admin.describeCluster();
await admin.disconnect();
if (metadata.topics.length !== 1) fail(`expected metadata for ${topic}, got ${JSON.stringify(metadata.topics)}`);

const producer = kafka.producer({ allowAutoTopicCreation: false });
await producer.connect();
const batch = [];
for (let i = 0; i < messages; i++) batch.push({ key: `key-${i % 5}`, value: `value-${i}` });
await producer.send({ topic, acks: -1, messages: batch });
await producer.disconnect();

const consumer = kafka.consumer({ groupId: `tls-${Date.now()}`, heartbeatInterval: 500 });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
const received = new Set();
await new Promise((resolve, reject) => {
  consumer
    .run({
      eachMessage: async ({ message }) => {
        received.add(message.value.toString());
        if (received.size >= messages) resolve();
      },
    })
    .catch(reject);
});
await consumer.disconnect();

process.stdout.write(`${JSON.stringify({ received: received.size, brokers: cluster.brokers })}\n`);
