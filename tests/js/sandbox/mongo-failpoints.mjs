// failCommand and failGetMoreAfterCursorCheckout through the official Node.js driver, the way the drivers' own
// specification tests use them against mongod --setParameter enableTestCommands=1.
// stdin: {"uri": "..."}. Prints {"ok": true, ...counts} on success.
import { MongoClient } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';

async function failCommand(admin, mode, data) {
  return admin.command(data === undefined ? { configureFailPoint: 'failCommand', mode } : { configureFailPoint: 'failCommand', mode, data });
}

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { appName: 'fp-victim', serverSelectionTimeoutMS: 5000, monitorCommands: true, heartbeatFrequencyMS: 500 });
  const bystander = new MongoClient(uri, { appName: 'fp-bystander', serverSelectionTimeoutMS: 5000 });
  await client.connect();
  await bystander.connect();
  const started = [];
  let changeStreamAggregates = 0;
  client.on('commandStarted', (event) => {
    started.push(event.commandName);
    if (event.commandName === 'aggregate' && event.command.pipeline?.[0]?.$changeStream) changeStreamAggregates += 1;
  });
  try {
    const admin = client.db('admin');
    const items = client.db('faults').collection('items');
    await items.insertMany(Array.from({ length: 6 }, (_, i) => ({ _id: i })));

    // A find cursor's getMore failing with a resumable code: a plain cursor does not resume, the error surfaces.
    await failCommand(admin, { times: 1 }, { failCommands: ['getMore'], errorCode: 91 });
    const cursor = items.find({}).batchSize(2);
    expectEqual((await cursor.next())._id, 0, 'first document before the failing getMore');
    await cursor.next();
    const getMoreError = await expectError(() => cursor.next(), (e) => expectEqual(e.code, 91, 'getMore error code'), 'getMore under failCommand');
    expectEqual(getMoreError.codeName, 'ShutdownInProgress', 'getMore error codeName');
    await cursor.close().catch(() => {});

    // closeConnection on insert: the retryable write is retried on a new connection and lands exactly once.
    await failCommand(admin, { times: 1 }, { failCommands: ['insert'], closeConnection: true });
    const insertsBefore = started.filter((name) => name === 'insert').length;
    await items.insertOne({ _id: 100 });
    expectEqual(started.filter((name) => name === 'insert').length - insertsBefore, 2, 'insert attempts after closeConnection');
    expectEqual(await items.countDocuments({ _id: 100 }), 1, 'the retried insert landed once');

    // A RetryableWriteError is retried once; times: 1 means the retry succeeds.
    await failCommand(admin, { times: 1 }, { failCommands: ['insert'], errorCode: 10107, errorLabels: ['RetryableWriteError'] });
    await items.insertOne({ _id: 101 });
    expectEqual(await items.countDocuments({ _id: 101 }), 1, 'insert retried after NotWritablePrimary');

    // A non-retryable code surfaces with the configured labels.
    await failCommand(admin, { times: 1 }, { failCommands: ['insert'], errorCode: 2, errorLabels: ['SomeLabel'] });
    const insertError = await expectError(() => items.insertOne({ _id: 102 }), (e) => expectEqual(e.code, 2, 'insert error code'), 'insert under failCommand');
    expectTrue(insertError.hasErrorLabel('SomeLabel'), 'configured label reaches the driver');

    // skip: the first matching command passes, the next fails.
    await failCommand(admin, { skip: 1 }, { failCommands: ['find'], errorCode: 2 });
    expectEqual((await items.findOne({ _id: 1 }))._id, 1, 'first find passes under skip: 1');
    await expectError(() => items.findOne({ _id: 1 }), (e) => expectEqual(e.code, 2, 'second find fails'), 'find after skip');
    await failCommand(admin, 'off');

    // appName: only the named client's commands fail.
    // configureFailPoint answers the cumulative count of firings so far (mongod's timesEntered is never reset).
    const before = (await failCommand(admin, 'alwaysOn', { failCommands: ['find'], errorCode: 2, appName: 'fp-victim' })).count;
    expectEqual(before, 5, 'firings so far');
    expectEqual((await bystander.db('faults').collection('items').findOne({ _id: 2 }))._id, 2, 'another application is unaffected');
    await expectError(() => items.findOne({ _id: 2 }), (e) => expectEqual(e.code, 2, 'the named application fails'), 'find by the named app');
    const off = await failCommand(admin, 'off');
    expectEqual(off.count - before, 1, 'failCommand fired once for the appName-filtered find');

    // Unknown fail point: mongod's FailPointSetFailed.
    await expectError(() => admin.command({ configureFailPoint: 'noSuchFailPoint', mode: 'alwaysOn' }),
      (e) => expectEqual([e.code, e.codeName], [266, 'FailPointSetFailed'], 'unknown fail point'), 'unknown fail point');

    // failGetMoreAfterCursorCheckout on a change stream: the resumable error makes the driver resume, no event lost.
    const stream = items.watch();
    await stream.tryNext();
    await items.insertOne({ _id: 200 });
    expectEqual((await stream.next()).documentKey._id, 200, 'first change event');
    await admin.command({ configureFailPoint: 'failGetMoreAfterCursorCheckout', mode: { times: 1 }, data: { errorCode: 11602 } });
    await items.insertOne({ _id: 201 });
    expectEqual((await stream.next()).documentKey._id, 201, 'event after the resumed getMore');
    await stream.close();
    const aggregates = changeStreamAggregates;
    expectEqual(aggregates, 2, 'change stream opened once and resumed once');
    console.log(JSON.stringify({ ok: true, aggregates }));
  } finally {
    await client.close();
    await bystander.close();
  }
});
