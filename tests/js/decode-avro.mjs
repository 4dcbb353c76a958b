// Decodes cdc's Avro output with an independent implementation (avsc) and parses its Extended JSON strings with the
// official bson package, so the .NET tests can compare every field with the original event.
//
// stdin: JSON lines {id, keySchema?, valueSchema?, key?, value? (base64, unframed), fixture? (Extended JSON text), relaxed?}
// stdout: one JSON line per input line, in order:
//   {id, key, value, rawKey, rawValue, fixture, fixtureCanonical}
// where every Extended JSON string field of key/value is replaced by EJSON.stringify(EJSON.parse(s)) in the requested
// mode (documentKey and lsid: always canonical), rawKey/rawValue are avsc's decoding as it is (JSON.stringify'd, for the
// .NET side's second decoder to compare field by field), fixture holds the same re-stringified form of the fixture's
// fields (so both sides went through bson's EJSON), and fixtureCanonical is the whole fixture as canonical Extended JSON.
import { createInterface } from 'node:readline';
import avro from 'avsc';
import { EJSON } from 'bson';

const VALUE_EJSON_PATHS = [
  'documentKey', 'fullDocument', 'fullDocumentBeforeChange', 'lsid', 'operationDescription',
  'updateDescription.updatedFields', 'updateDescription.disambiguatedPaths',
];
const KEY_EJSON_PATHS = ['documentKey'];
// cdc writes these canonical whatever the configured mode.
const ALWAYS_CANONICAL = new Set(['documentKey', 'lsid']);
const modeOf = (path, relaxed) => (ALWAYS_CANONICAL.has(path) ? false : relaxed);

function get(object, path) {
  return path.split('.').reduce((at, part) => (at == null ? undefined : at[part]), object);
}

function set(object, path, value) {
  const parts = path.split('.');
  const parent = parts.slice(0, -1).reduce((at, part) => (at == null ? undefined : at[part]), object);
  if (parent != null) parent[parts[parts.length - 1]] = value;
}

function restringify(text, relaxed, where) {
  try {
    return EJSON.stringify(EJSON.parse(text, { relaxed }), { relaxed });
  } catch (error) {
    throw new Error(`${where}: not valid Extended JSON (${error.message}): ${text}`);
  }
}

function decodeRaw(schema, base64, where) {
  if (schema == null || base64 == null) return null;
  let type;
  try {
    type = avro.Type.forSchema(schema);
  } catch (error) {
    throw new Error(`${where}: avsc rejects the schema: ${error.message}`);
  }
  // fromBuffer throws on truncated input and on trailing bytes.
  const record = type.fromBuffer(Buffer.from(base64, 'base64'));
  return JSON.parse(JSON.stringify(record));
}

function restringifyPaths(raw, ejsonPaths, relaxed, where) {
  if (raw == null) return null;
  const plain = structuredClone(raw);
  for (const path of ejsonPaths) {
    const text = get(plain, path);
    if (typeof text === 'string') set(plain, path, restringify(text, modeOf(path, relaxed), `${where}.${path}`));
  }
  return plain;
}

function fixtureFields(text, relaxed) {
  if (text == null) return [null, null];
  const fields = {};
  for (const path of VALUE_EJSON_PATHS) {
    const mode = modeOf(path, relaxed);
    const value = get(EJSON.parse(text, { relaxed: mode }), path);
    fields[path] = value == null ? null : EJSON.stringify(value, { relaxed: mode });
  }
  const canonical = JSON.parse(EJSON.stringify(EJSON.parse(text, { relaxed: false }), { relaxed: false }));
  return [fields, canonical];
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const request = JSON.parse(line);
  const relaxed = request.relaxed === true;
  const where = request.id ?? '(unnamed)';
  const [fixture, fixtureCanonical] = fixtureFields(request.fixture, relaxed);
  const rawKey = decodeRaw(request.keySchema, request.key, `${where} key`);
  const rawValue = decodeRaw(request.valueSchema, request.value, `${where} value`);
  const result = {
    id: request.id,
    key: restringifyPaths(rawKey, KEY_EJSON_PATHS, false, `${where} key`),
    value: restringifyPaths(rawValue, VALUE_EJSON_PATHS, relaxed, `${where} value`),
    rawKey,
    rawValue,
    fixture,
    fixtureCanonical,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}
