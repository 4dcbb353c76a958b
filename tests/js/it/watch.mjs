// Ground truth: what MongoDB itself says happened, read with the official Node.js driver's change stream.
// stdin: first line {"uri", "scope": "cluster"|"database"|"collection", "db"?, "coll"?, "databases"? (cluster scope:
//   only these databases), "reopenOnInvalidate"?, "showExpandedEvents"?}; later "stop" (or closing stdin) ends it once
//   the stream is drained.
// stdout: {"status":"ready"} once the server-side cursor exists (later writes are all seen), then one line per event:
//   {"token", "operationType", "ns": {db, coll}, "documentKey" (canonical Extended JSON), "v", "clusterTime": {t, i},
//    "wallTime" (ms), "fullDocument" (relaxed Extended JSON), "updateDescription", "to", "txnNumber",
//    "operationDescription" (relaxed Extended JSON)},
// and {"status":"end","events":N} after the first empty batch following the stop.
import { BSON, MongoClient } from 'mongodb';
import { emit, exitWhenWritten, fail, readFirstStdinLine, stopRequested } from './common.mjs';

const { EJSON } = BSON;
const relaxed = (value) => EJSON.stringify(value, { relaxed: true });
const canonical = (value) => EJSON.stringify(value, { relaxed: false });

function describe(change) {
  const event = {
    token: change._id._data,
    operationType: change.operationType,
    ns: change.ns ? { db: change.ns.db, coll: change.ns.coll ?? null } : null,
    documentKey: change.documentKey ? canonical(change.documentKey) : null,
    v: null,
    clusterTime: { t: change.clusterTime.t, i: change.clusterTime.i },
    wallTime: change.wallTime ? change.wallTime.getTime() : null,
    fullDocument: change.fullDocument ? relaxed(change.fullDocument) : null,
    updateDescription: null,
    to: change.to ? { db: change.to.db, coll: change.to.coll ?? null } : null,
    txnNumber: change.txnNumber === undefined ? null : Number(change.txnNumber),
    operationDescription: change.operationDescription ? relaxed(change.operationDescription) : null,
  };
  const v = change.fullDocument?.v ?? change.updateDescription?.updatedFields?.v;
  if (v !== undefined) event.v = Number(v.valueOf());
  if (change.updateDescription) {
    const u = change.updateDescription;
    event.updateDescription = {
      updatedFields: relaxed(u.updatedFields ?? {}),
      removedFields: u.removedFields ?? [],
      truncatedArrays: (u.truncatedArrays ?? []).map((t) => ({ field: t.field, newSize: Number(t.newSize.valueOf()) })),
    };
  }
  return event;
}

try {
  const { input, lines } = await readFirstStdinLine();
  const stop = stopRequested(lines);
  let stopping = false;
  stop.then(() => { stopping = true; });
  // promoteValues: false keeps Int32/Int64/Double apart, so the canonical Extended JSON is exactly what the server sent.
  const client = new MongoClient(input.uri, { serverSelectionTimeoutMS: 10000, promoteValues: false });
  await client.connect();
  const target = input.scope === 'collection' ? client.db(input.db).collection(input.coll)
    : input.scope === 'database' ? client.db(input.db) : client;
  const pipeline = input.databases ? [{ $match: { 'ns.db': { $in: input.databases } } }] : [];
  let count = 0;
  const expanded = input.showExpandedEvents === true ? { showExpandedEvents: true } : {};
  let options = { maxAwaitTimeMS: 100, ...expanded };
  for (;;) {
    const stream = target.watch(pipeline, options);
    let reopen = null;
    // The first getMore makes the cursor exist on the server: every later write is in this stream.
    let change = await stream.tryNext();
    if (count === 0 && options.startAfter === undefined) emit({ status: 'ready' });
    for (;;) {
      if (change === null) {
        if (stopping) break;
      } else {
        emit(describe(change));
        count += 1;
        if (change.operationType === 'invalidate') {
          reopen = input.reopenOnInvalidate ? change._id : null;
          break;
        }
      }
      change = await stream.tryNext();
    }
    await stream.close();
    if (reopen === null) break;
    options = { maxAwaitTimeMS: 100, ...expanded, startAfter: reopen };
  }
  emit({ status: 'end', events: count });
  await client.close();
  exitWhenWritten(0);
} catch (e) {
  fail(e);
}
