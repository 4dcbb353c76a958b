// Change events over 16 MB through the official Node.js driver: without $changeStreamSplitLargeEvent the stream fails
// with BSONObjectTooLarge (10334); with it the event arrives as fragments laid out as the manual's example shows them
// (smallest top-level fields first, whole fields only), and each fragment's token resumes after that fragment.
// One 10 MiB document, updated once with pre- and post-images, keeps the memory to a few copies of it.
// stdin: {"uri": "..."}.
import { BSON, MongoClient } from 'mongodb';
import { expectEqual, expectError, expectTrue, readStdinJson, runMain } from './mongo-expect.mjs';
import { openStream, take } from './mongo-changestream-common.mjs';

const MiB = 1024 * 1024;
const split = [{ $changeStreamSplitLargeEvent: {} }];
const images = { fullDocument: 'updateLookup', fullDocumentBeforeChange: 'whenAvailable' };

runMain(async () => {
  const { uri } = await readStdinJson();
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db('split');
    const coll = await db.createCollection('big', { changeStreamPreAndPostImages: { enabled: true } });
    await coll.insertOne({ _id: 1, big: 'a'.repeat(10 * MiB) });

    const whole = await openStream(coll, [], images);
    const fragmented = await openStream(coll, split, images);
    await coll.insertOne({ _id: 0 });
    // ~30 MiB of event: the update description, the pre-image and the post-image each hold a 10 MiB string.
    await coll.updateOne({ _id: 1 }, { $set: { big: 'b'.repeat(10 * MiB) } });

    await expectError(() => take(whole, 2, 'unsplit stream'), (e) => {
      expectEqual(e.code, 10334, 'code of an event over 16 MB');
      expectEqual(e.codeName, 'BSONObjectTooLarge', 'codeName of an event over 16 MB');
      expectTrue(/^BSONObj size: \d+ \(0x[0-9A-F]+\) is invalid\. Size must be between 0 and 16793600\(16MB\) First element: _id: /.test(e.message), `server message, got ${e.message}`);
    }, 'an event over 16 MB without the split stage');
    await whole.close().catch(() => {});

    const [small, ...fragments] = await take(fragmented, 4, 'split stream');
    await fragmented.close();
    expectEqual(small.documentKey, { _id: 0 }, 'the small event comes whole');
    expectEqual(small.splitEvent, undefined, 'a small event has no splitEvent');
    expectEqual(fragments.map((f) => f.splitEvent), [1, 2, 3].map((fragment) => ({ fragment, of: 3 })), 'splitEvent of each fragment');
    expectEqual(fragments.map((f) => Object.keys(f)), [
      ['_id', 'splitEvent', 'wallTime', 'clusterTime', 'operationType', 'documentKey', 'ns', 'fullDocument'],
      ['_id', 'splitEvent', 'fullDocumentBeforeChange'],
      ['_id', 'splitEvent', 'updateDescription'],
    ], 'fields of each fragment, as in the manual');
    for (const f of fragments) {
      const size = BSON.calculateObjectSize(f);
      expectTrue(size > 10 * MiB && size < 16 * MiB, `fragment ${f.splitEvent.fragment} is ${size} bytes`);
    }
    expectEqual(new Set(fragments.map((f) => f._id._data)).size, 3, 'each fragment has its own token');
    expectTrue(fragments.every((f) => f._id._data > small._id._data), 'fragment tokens sort after the event before');
    expectEqual(fragments[0].operationType, 'update', 'operationType');
    expectEqual(fragments[0].fullDocument.big.slice(0, 3) + fragments[0].fullDocument.big.length, `bbb${10 * MiB}`, 'post-image');
    expectEqual(fragments[1].fullDocumentBeforeChange.big.slice(0, 3), 'aaa', 'pre-image');
    expectEqual(fragments[2].updateDescription.updatedFields.big.length, 10 * MiB, 'update description');
    const tokens = fragments.map((f) => f._id._data);
    fragments.length = 0;

    // After the first fragment, the stream goes on with the second and third; after the event before, all three again.
    const afterFirst = coll.watch(split, { ...images, resumeAfter: { _data: tokens[0] }, maxAwaitTimeMS: 100 });
    expectEqual((await take(afterFirst, 2, 'resumeAfter fragment 1')).map((f) => [f._id._data, f.splitEvent.fragment]), [[tokens[1], 2], [tokens[2], 3]], 'resumeAfter the first fragment');
    await afterFirst.close();
    const afterSmall = coll.watch(split, { ...images, startAfter: small._id, maxAwaitTimeMS: 100 });
    expectEqual((await take(afterSmall, 3, 'startAfter the event before')).map((f) => f._id._data), tokens, 'startAfter the event before the split one');
    await afterSmall.close();

    // After the last fragment, the next event.
    await coll.insertOne({ _id: 2 });
    const afterLast = coll.watch(split, { ...images, resumeAfter: { _data: tokens[2] }, maxAwaitTimeMS: 100 });
    expectEqual((await take(afterLast, 1, 'resumeAfter the last fragment'))[0].documentKey, { _id: 2 }, 'resumeAfter the last fragment');
    await afterLast.close();

    // A fragment's token needs the same split: without the stage, or with a pipeline that leaves the event small.
    const resumeFails = (pipeline) => async () => {
      const s = coll.watch(pipeline, { ...images, resumeAfter: { _data: tokens[0] } });
      try { await s.tryNext(); } finally { await s.close().catch(() => {}); }
    };
    await expectError(resumeFails([]), (e) => expectEqual(e.code, 280, 'fragment token without the stage'), 'fragment token without the stage');
    await expectError(resumeFails([{ $project: { fullDocument: 0, fullDocumentBeforeChange: 0 } }, ...split]),
      (e) => expectEqual(e.code, 280, 'fragment token, event no longer split'), 'fragment token with a different split');

    // The stage's own errors, as a server gives them.
    await expectError(() => db.command({ aggregate: 'big', pipeline: [{ $changeStream: {} }, ...split, { $match: {} }], cursor: {} }),
      (e) => { expectEqual(e.code, 7182802, 'not the last stage'); expectEqual(e.message, '$changeStreamSplitLargeEvent must be the last stage in the pipeline', 'message'); }, 'split stage not last');
    await expectError(() => db.command({ aggregate: 'big', pipeline: [{ $changeStream: {} }, { $changeStreamSplitLargeEvent: { x: 1 } }], cursor: {} }),
      (e) => expectEqual(e.code, 7182800, 'non-empty spec'), 'split stage with a spec');
    console.log(JSON.stringify({ ok: true }));
  } finally {
    await client.close();
  }
});
