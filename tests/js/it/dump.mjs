// Every document of the given collections with the official Node.js driver (read concern majority), to compare what
// Kafka ends with against what MongoDB holds. stdin: {"uri", "db", "collections": [..]}.
// stdout: {"collections": {"<name>": [<relaxed Extended JSON document>, ...]}}.
import { BSON, MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000, readConcern: { level: 'majority' } });
  await client.connect();
  const collections = {};
  for (const name of input.collections) {
    const documents = await client.db(input.db).collection(name).find({}).toArray();
    collections[name] = documents.map((d) => BSON.EJSON.serialize(d, { relaxed: true }));
  }
  await client.close();
  emit({ collections });
} catch (e) {
  fail(e);
}
