// How many events of a database follow a resume token: resumes a change stream (official Node.js driver) after
// {"_data": token} and reads until the first empty batch. stdin: {"uri", "db", "token"}. stdout: {"events": n}.
import { MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000 });
  await client.connect();
  const stream = client.db(input.db).watch([], { resumeAfter: { _data: input.token }, maxAwaitTimeMS: 100 });
  let events = 0;
  while (await stream.tryNext() !== null) events += 1;
  await stream.close();
  await client.close();
  emit({ events });
} catch (e) {
  fail(e);
}
