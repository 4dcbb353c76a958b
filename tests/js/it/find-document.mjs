// One document by _id with the official Node.js driver (read concern majority, as the mongodb checkpoint store reads),
// to see what a collection holds after the connector ran. stdin: {"uri", "db", "coll", "id"}.
// stdout: {"document": <relaxed Extended JSON> | null}.
import { BSON, MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000, readConcern: { level: 'majority' } });
  await client.connect();
  const document = await client.db(input.db).collection(input.coll).findOne({ _id: input.id });
  await client.close();
  emit({ document: document === null ? null : BSON.EJSON.serialize(document, { relaxed: true }) });
} catch (e) {
  fail(e);
}
