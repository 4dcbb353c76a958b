// Sets a MongoDB fail point with the official Node.js driver, as a test suite does against mongod started with
// enableTestCommands=1 (the cdc sandbox's emulator honours the same command): the fault reaches the connector through
// the wire protocol, never through a sandbox-only API.
// stdin: {"uri", "failPoint": "failCommand"|"failGetMoreAfterCursorCheckout", "mode": "off"|"alwaysOn"|{"times": n}|…,
//   "data"?: {...}}. stdout: {"count": n}, the fail point's cumulative firings before this change (mongod's reply).
import { MongoClient } from 'mongodb';
import { emit, fail, readFirstStdinLine } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000, appName: 'cdc-it-failpoint' });
  await client.connect();
  const command = { configureFailPoint: input.failPoint, mode: input.mode };
  if (input.data) command.data = input.data;
  const reply = await client.db('admin').command(command);
  await client.close();
  emit({ count: Number(reply.count ?? 0) });
} catch (e) {
  fail(e);
}
