// MONGODB-X509 through the official MongoDB Node.js driver: TLS with a client certificate, logged in as the
// $external user the certificate's subject names (read on shop). stdin: {"uri": …, "tlsCAFile": CA PEM path,
// "tlsCertificateKeyFile": client certificate and key PEM path, "subject": the certificate's RFC 2253 subject}.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, readStdinJson, runMain } from './mongo-expect.mjs';

runMain(async () => {
  const { uri, tlsCAFile, tlsCertificateKeyFile, subject } = await readStdinJson();
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 5000, heartbeatFrequencyMS: 500, tls: true, tlsCAFile, tlsCertificateKeyFile, authMechanism: 'MONGODB-X509',
  });
  await client.connect();
  try {
    const status = await client.db('admin').command({ connectionStatus: 1 });
    expectEqual(status.authInfo.authenticatedUsers, [{ user: subject, db: '$external' }], 'connectionStatus.authenticatedUsers');
    expectEqual(await client.db('shop').collection('orders').find({}).toArray(), [], 'find on shop');
    await expectError(() => client.db('shop').collection('orders').insertOne({ _id: 1 }), (error) => expectEqual(error.code, 13, `insert error code (${error.message})`), 'insert with read only');
  } finally {
    await client.close();
  }
  console.log(JSON.stringify({ ok: true }));
});
