// $redact after $changeStream through the official Node.js driver: $$PRUNE drops whole events or sub-documents,
// $$DESCEND walks into fullDocument (arrays of sub-documents too), $$KEEP stops the walk, and any other result fails
// the stream with 17053. stdin: {"uri": "..."}. Exits non-zero naming the first mismatch.
import { MongoClient } from 'mongodb';
import { expectEqual, expectTrue, expectError, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take, expectNoMore } from './mongo-changestream-common.mjs';

// At every level: an "open" level is kept whole, a "secret" one pruned, any other walked into.
const byLevel = {
  $cond: {
    if: { $eq: ['$level', 'open'] },
    then: '$$KEEP',
    else: { $cond: [{ $eq: ['$$CURRENT.level', 'secret'] }, '$$PRUNE', '$$DESCEND'] },
  },
};

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('redact');
    const people = db.collection('people');

    // A condition on the event's top level prunes whole events: the stream skips them.
    const events = await openStream(people, [
      { $redact: { $cond: { if: { $eq: ['$fullDocument.level', 'secret'] }, then: '$$PRUNE', else: '$$DESCEND' } } },
    ]);
    await people.insertMany([{ _id: 1, level: 'public' }, { _id: 2, level: 'secret' }, { _id: 3, level: 'public' }]);
    await people.deleteOne({ _id: 2 });
    const seen = await take(events, 3, 'events left by a top-level $$PRUNE');
    expectEqual(seen.map((e) => `${e.operationType}:${e.documentKey._id}`), ['insert:1', 'insert:3', 'delete:2'], 'secret inserts are pruned');
    expectEqual(seen[0].fullDocument, { _id: 1, level: 'public' }, 'a descended event keeps its fields');
    expectEqual(seen[0].ns, { db: 'redact', coll: 'people' }, 'a descended sub-document without the field is kept');
    await expectNoMore(events, 'top-level $redact');
    await events.close();

    // $$DESCEND into fullDocument: each sub-document is judged by its own level, in arrays too; $$KEEP stops the walk.
    const levels = await openStream(people, [{ $redact: byLevel }]);
    await people.insertOne({
      _id: 10,
      level: 'public',
      profile: { level: 'secret', ssn: '078-05-1120' },
      contact: { level: 'public', email: 'ada@example.com', backup: { level: 'secret', email: 'x@example.com' } },
      notes: [{ level: 'secret', text: 'hidden' }, { level: 'public', text: 'shown' }, 'plain', [{ level: 'secret' }, { n: 1 }]],
      shared: { level: 'open', inner: { level: 'secret', kept: true } },
    });
    await people.insertOne({ _id: 11, level: 'secret' });
    await people.insertOne({ _id: 12, level: 'open', inner: { level: 'secret' } });
    const [descended, prunedBody, keptWhole] = await take(levels, 3, '$$DESCEND/$$KEEP events');
    expectEqual(descended.fullDocument, {
      _id: 10,
      level: 'public',
      contact: { level: 'public', email: 'ada@example.com' },
      notes: [{ level: 'public', text: 'shown' }, 'plain', [{ n: 1 }]],
      shared: { level: 'open', inner: { level: 'secret', kept: true } },
    }, 'sub-documents pruned by their own level, arrays walked, an open level kept whole');
    expectEqual(prunedBody.documentKey, { _id: 11 }, 'the event of a secret document is kept (its top level has no level)');
    expectTrue(!('fullDocument' in prunedBody), 'a secret fullDocument is pruned from its event');
    expectEqual(keptWhole.fullDocument, { _id: 12, level: 'open', inner: { level: 'secret' } }, '$$KEEP stops evaluation below it');
    await expectNoMore(levels, '$$DESCEND/$$KEEP');
    await levels.close();

    // $$ROOT is the whole event at every level: prune fullDocument's sub-documents only for inserts.
    const rooted = await openStream(people, [{
      $redact: { $cond: [{ $and: [{ $eq: ['$$ROOT.operationType', 'insert'] }, { $eq: ['$kind', 'detail'] }] }, '$$PRUNE', '$$DESCEND'] },
    }], { fullDocument: 'updateLookup' });
    await people.insertOne({ _id: 20, d: { kind: 'detail' } });
    await people.updateOne({ _id: 20 }, { $set: { v: 1 } });
    const [rootInsert, rootUpdate] = await take(rooted, 2, '$$ROOT events');
    expectEqual(rootInsert.fullDocument, { _id: 20 }, '$$ROOT.operationType is the event\'s at a nested level');
    expectEqual(rootUpdate.fullDocument, { _id: 20, d: { kind: 'detail' }, v: 1 }, 'an update keeps the sub-document');
    await rooted.close();

    // A result other than $$KEEP, $$DESCEND or $$PRUNE fails the stream with 17053.
    const bad = await openStream(people, [{ $redact: '$operationType' }]);
    await people.insertOne({ _id: 30 });
    await expectError(() => take(bad, 1, 'bad $redact result'), (e) => {
      expectEqual(e.code, 17053, 'bad $redact result code');
      expectTrue(e.message.includes('$redact\'s expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned "insert"'), `bad $redact result message: ${e.message}`);
    }, 'a bad $redact result');
    await bad.close().catch(() => {});

    // The same stage in an ordinary aggregate.
    const redacted = await people.aggregate([{ $match: { _id: { $in: [10, 11, 12] } } }, { $redact: byLevel }]).toArray();
    expectEqual(redacted.map((d) => d._id), [10, 12], 'aggregate drops pruned documents');
    expectEqual(redacted[0].profile, undefined, 'aggregate prunes sub-documents');

    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
