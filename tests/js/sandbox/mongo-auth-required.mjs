// A client without credentials against the emulator started with RequireAuthentication: the handshake and ping
// work, everything else is refused with Unauthorized (13). stdin: {"uri": …, "tlsCAFile": optional CA path}.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri, tlsCAFile } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, heartbeatFrequencyMS: 500, ...(tlsCAFile ? { tls: true, tlsCAFile } : {}) });
  await client.connect();
  try {
    expectEqual((await client.db('admin').command({ ping: 1 })).ok, 1, 'ping without authentication');
    const refused = (what) => (error) => {
      expectEqual(error.code, 13, `${what} error code`);
      expectEqual(error.message, `command ${what} requires authentication`, `${what} error message`);
    };
    await expectError(() => client.db('shop').collection('orders').findOne({}), refused('find'), 'find without authentication');
    await expectError(() => client.db('shop').collection('orders').insertOne({ _id: 1 }), refused('insert'), 'insert without authentication');
    await expectError(() => client.db('admin').admin().listDatabases(), refused('listDatabases'), 'listDatabases without authentication');
  } finally {
    await client.close();
  }
  console.log(JSON.stringify({ ok: true }));
});
