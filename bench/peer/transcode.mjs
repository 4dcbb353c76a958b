// The Node.js peer of the transcode benchmark: the same job as cdc's mapper, done the obvious way with the official
// bson package (BSON.deserialize + EJSON.stringify of the body fields) and avsc (encoding the envelope with the very
// schema cdc produced), plus Schema Registry framing.
//
// usage: node transcode.mjs EVENTS_FILE SCHEMAS_FILE MEASURED_PASSES
//   EVENTS_FILE: concatenated BSON change events; SCHEMAS_FILE: {topicPrefix, topics: {topic: {keySchema, valueSchema, keyId, valueId}}}
// prints one JSON line: {events, passes, seconds, eventsPerSec, cpuSeconds, eventsPerCpuSec, mbPerSec, checksum}
import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { BSON, EJSON } from 'bson';

const [eventsFile, schemasFile, passesText] = process.argv.slice(2);
const bytes = readFileSync(eventsFile);
const config = JSON.parse(readFileSync(schemasFile, 'utf8'));
const passes = Number(passesText ?? '2');

const routes = new Map();
for (const [topic, entry] of Object.entries(config.topics)) {
  routes.set(topic, {
    keyType: avro.Type.forSchema(entry.keySchema),
    valueType: avro.Type.forSchema(entry.valueSchema),
    keyId: entry.keyId,
    valueId: entry.valueId,
  });
}

const offsets = [];
for (let at = 0; at < bytes.length; at += bytes.readInt32LE(at)) offsets.push(at);

const relaxed = { relaxed: true };
const canonical = { relaxed: false };
const body = (value) => (value == null ? null : EJSON.stringify(value, relaxed));

function frame(id, payload) {
  const framed = Buffer.allocUnsafe(5 + payload.length);
  framed[0] = 0;
  framed.writeInt32BE(id, 1);
  payload.copy(framed, 5);
  return framed;
}

function transcode(start) {
  const event = BSON.deserialize(bytes.subarray(start, start + bytes.readInt32LE(start)));
  const ns = event.ns ?? {};
  const topic = [config.topicPrefix, ns.db, ns.coll].filter((part) => part != null).join('.');
  const route = routes.get(topic);
  const documentKey = event.documentKey == null ? null : EJSON.stringify(event.documentKey, canonical);
  const update = event.updateDescription;
  const record = {
    resumeToken: event._id._data,
    operationType: event.operationType,
    clusterTime: { t: event.clusterTime.t, i: event.clusterTime.i },
    wallTime: event.wallTime == null ? null : event.wallTime.getTime(),
    ns: { db: ns.db ?? '', coll: ns.coll ?? null },
    documentKey,
    fullDocument: body(event.fullDocument),
    fullDocumentBeforeChange: body(event.fullDocumentBeforeChange),
    updateDescription: update == null ? null : {
      updatedFields: EJSON.stringify(update.updatedFields, relaxed),
      removedFields: update.removedFields ?? [],
      truncatedArrays: (update.truncatedArrays ?? []).map((t) => ({ field: t.field, newSize: t.newSize })),
      disambiguatedPaths: body(update.disambiguatedPaths),
    },
    txnNumber: event.txnNumber == null ? null : Number(event.txnNumber),
    lsid: event.lsid == null ? null : EJSON.stringify(event.lsid, canonical),
    to: event.to == null ? null : { db: event.to.db, coll: event.to.coll ?? null },
    operationDescription: body(event.operationDescription),
  };
  const key = frame(route.keyId, route.keyType.toBuffer({ documentKey }));
  const value = frame(route.valueId, route.valueType.toBuffer(record));
  return key.length + value.length;
}

function pass() {
  let written = 0;
  for (const start of offsets) written += transcode(start);
  return written;
}

pass(); // warm-up
const cpuBegin = process.cpuUsage();
const begin = process.hrtime.bigint();
let checksum = 0;
for (let i = 0; i < passes; i++) checksum += pass();
const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
const cpu = process.cpuUsage(cpuBegin);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const events = offsets.length * passes;
process.stdout.write(JSON.stringify({
  events: offsets.length,
  passes,
  seconds,
  eventsPerSec: events / seconds,
  cpuSeconds,
  eventsPerCpuSec: events / cpuSeconds,
  mbPerSec: (bytes.length * passes) / seconds / 1e6,
  checksum,
}) + '\n');
