// Reads the cluster and a topic as kafkajs's admin client sees them (the mock answers Metadata; it has no CreateTopics).
// stdin: {"bootstrapServers", "topic", "produceFirst"?}; with produceFirst, a producer (which lets the broker auto-create
// topics, as the admin client does not) first writes one record to the topic;
// stdout: {"brokers": [{nodeId, host, port}], "controller", "partitions": [{partitionId, leader, replicas}]}.
import { createKafka, deadline, readRequest } from './kafka-common.mjs';

deadline(20);
const request = await readRequest();
if (request.produceFirst) {
  const producer = createKafka(request).producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await producer.send({ topic: request.topic, messages: [{ value: 'x' }] });
  await producer.disconnect();
}

const admin = createKafka(request).admin();
await admin.connect();
const cluster = await admin.describeCluster();
const { topics } = await admin.fetchTopicMetadata({ topics: [request.topic] });
await admin.disconnect();

process.stdout.write(
  JSON.stringify({
    brokers: cluster.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    controller: cluster.controller,
    partitions: topics[0].partitions.map(({ partitionId, leader, replicas }) => ({ partitionId, leader, replicas })),
  }) + '\n',
);
