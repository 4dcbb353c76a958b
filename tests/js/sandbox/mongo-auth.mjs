// Authentication and privilege checks of the cdc sandbox's emulator through the official MongoDB Node.js driver.
// stdin: {"uri": "mongodb://127.0.0.1:PORT/?replicaSet=NAME", "tlsCAFile": optional path of the CA that signed the
// server certificate}. The server was started with RequireAuthentication and the users
//   admin/admin-secret (root), reader/reader-secret (read on shop), outsider/outsider-secret (read on other),
//   watcher/watcher-secret (readAnyDatabase), all on admin.
// Exits non-zero naming the first failed expectation.
import { MongoClient } from 'mongodb';
import { expectEqual, expectTrue, expectError, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take } from './mongo-changestream-common.mjs';

runMain(async () => {
  const { uri, tlsCAFile } = await readStdinJson();
  const tls = tlsCAFile ? { tls: true, tlsCAFile } : {};
  const connect = async (username, password, extra = {}) => {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, heartbeatFrequencyMS: 500, auth: { username, password }, authSource: 'admin', ...tls, ...extra });
    await client.connect();
    return client;
  };
  const unauthorized = (what) => (error) => expectEqual(error.code, 13, `${what} error code (${error.message})`);

  // The default mechanism negotiation (saslSupportedMechs) picks SCRAM-SHA-256.
  const admin = await connect('admin', 'admin-secret');
  const sha1 = await connect('admin', 'admin-secret', { authMechanism: 'SCRAM-SHA-1' });
  const reader = await connect('reader', 'reader-secret');
  const outsider = await connect('outsider', 'outsider-secret', { authMechanism: 'SCRAM-SHA-256' });
  const watcher = await connect('watcher', 'watcher-secret');
  try {
    const status = await admin.db('admin').command({ connectionStatus: 1 });
    expectEqual(status.authInfo.authenticatedUsers, [{ user: 'admin', db: 'admin' }], 'connectionStatus.authenticatedUsers');
    expectEqual(status.authInfo.authenticatedUserRoles, [{ role: 'root', db: 'admin' }], 'connectionStatus.authenticatedUserRoles');

    const orders = admin.db('shop').collection('orders');
    await orders.insertOne({ _id: 1, state: 'new' });
    expectEqual((await sha1.db('shop').collection('orders').find({}).toArray()).map((d) => d._id), [1], 'SCRAM-SHA-1 admin finds');

    // read on shop: reads and change streams, no writes.
    const readerOrders = reader.db('shop').collection('orders');
    expectEqual((await readerOrders.find({}).toArray()).map((d) => d._id), [1], 'reader finds');
    await expectError(() => readerOrders.insertOne({ _id: 2 }), unauthorized('reader insert'), 'reader insert');
    const collectionStream = await openStream(readerOrders);
    const databaseStream = await openStream(reader.db('shop'));

    // read on another database: no change stream on shop, no find.
    await expectError(() => openStream(outsider.db('shop').collection('orders')), unauthorized('outsider change stream'), 'outsider change stream');
    await expectError(() => outsider.db('shop').collection('orders').findOne({}), unauthorized('outsider find'), 'outsider find');

    // readAnyDatabase: a whole-cluster change stream.
    const clusterStream = await openStream(watcher);

    // Transactions keep working for an authorized user.
    const session = admin.startSession();
    try {
      await session.withTransaction(async () => {
        await orders.insertOne({ _id: 2, state: 'new' }, { session });
        await orders.updateOne({ _id: 1 }, { $set: { state: 'paid' } }, { session });
      });
    } finally {
      await session.endSession();
    }

    expectEqual((await take(collectionStream, 2, 'reader collection stream')).map((e) => e.operationType), ['insert', 'update'], 'reader collection stream');
    expectEqual((await take(databaseStream, 2, 'reader database stream')).map((e) => e.operationType), ['insert', 'update'], 'reader database stream');
    expectEqual((await take(clusterStream, 2, 'watcher cluster stream')).map((e) => e.operationType), ['insert', 'update'], 'watcher cluster stream');
    await collectionStream.close();
    await databaseStream.close();
    await clusterStream.close();

    // User management by the root user; the new user can authenticate and is refused what its role lacks.
    await admin.db('shop').command({ createUser: 'writer', pwd: 'writer-secret', roles: ['readWrite'] });
    const users = await admin.db('shop').command({ usersInfo: 'writer' });
    expectEqual(users.users.map((u) => [u._id, u.roles, u.mechanisms]), [['shop.writer', [{ role: 'readWrite', db: 'shop' }], ['SCRAM-SHA-1', 'SCRAM-SHA-256']]], 'usersInfo writer');
    const writer = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, auth: { username: 'writer', password: 'writer-secret' }, authSource: 'shop', ...tls });
    await writer.connect();
    try {
      await writer.db('shop').collection('orders').insertOne({ _id: 3 });
      await expectError(() => writer.db('shop').command({ createUser: 'sneaky', pwd: 'x', roles: ['dbOwner'] }), unauthorized('writer createUser'), 'writer createUser');
    } finally {
      await writer.close();
    }

    // A wrong password is AuthenticationFailed (18).
    await expectError(() => connect('reader', 'wrong'), (error) => expectEqual(error.code, 18, `wrong password error code (${error.message})`), 'wrong password');
    expectTrue(true, 'done');
  } finally {
    await Promise.all([admin, sha1, reader, outsider, watcher].map((c) => c.close()));
  }
  console.log(JSON.stringify({ ok: true }));
});
