// An independent Avro implementation (avsc) answering the .NET Avro tests, so that our canonical form and binary
// encoding are checked against another implementation in the test run rather than against recorded output.
//
// stdin: JSON lines, one request each:
//   {id, op: "canonical", schema: "<schema JSON text>"}  -> {id, canonical: "<avsc's Parsing Canonical Form>"}
//   {id, op: "decode", schema, data: "<base64>"}         -> {id, value: <value>}  (avsc decodes bytes we encoded)
//   {id, op: "encode", schema, value: <value>}           -> {id, data: "<base64>"} (avsc encodes, we decode)
// A request avsc refuses gets {id, error: "..."} so the test names the case instead of the whole run failing.
//
// <value> is JSON shaped by the schema: records as objects, unions as null or {"<branch>": value} (branch = type name,
// or full name of a named type), longs as decimal strings (exact beyond 2^53), bytes and fixed as base64, enums as
// symbols, maps as objects, floats and doubles as numbers or "NaN", "Infinity", "-Infinity".
import { createInterface } from 'node:readline';
import avro from 'avsc';

// avsc's own long is a JS number and refuses values beyond 2^53; this one is exact over the whole 64-bit range.
const exactLong = avro.types.LongType.__with({
  fromBuffer: (buffer) => buffer.readBigInt64LE(0),
  toBuffer: (value) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value, 0);
    return buffer;
  },
  fromJSON: (json) => BigInt(json),
  toJSON: (value) => value.toString(),
  isValid: (value) => typeof value === 'bigint' && BigInt.asIntN(64, value) === value,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

// PCF: avsc's schema() without options writes the Parsing Canonical Form (it is what avsc fingerprints).
// Note: type.toString() is not it: for a named type it gives only the name.
function canonical(schemaText) {
  return JSON.stringify(avro.Type.forSchema(JSON.parse(schemaText)).schema());
}

function valueType(schemaText) {
  return avro.Type.forSchema(JSON.parse(schemaText), { wrapUnions: true, registry: { long: exactLong } });
}

const branchKey = (type) => type.name ?? (type.typeName === 'abstract:long' ? 'long' : type.typeName);

const NON_FINITE = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);

function toAvsc(type, json, path) {
  switch (type.typeName) {
    case 'abstract:long':
      return BigInt(json);
    case 'float':
    case 'double':
      return typeof json === 'string' && NON_FINITE.has(json) ? NON_FINITE.get(json) : json;
    case 'bytes':
    case 'fixed':
      return Buffer.from(json, 'base64');
    case 'array':
      return json.map((item, i) => toAvsc(type.itemsType, item, `${path}[${i}]`));
    case 'map':
      return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, toAvsc(type.valuesType, v, `${path}.${k}`)]));
    case 'record':
    case 'error':
      return Object.fromEntries(type.fields.map((f) => [f.name, toAvsc(f.type, json[f.name], `${path}.${f.name}`)]));
    case 'union:wrapped': {
      if (json === null) return null;
      const [key] = Object.keys(json);
      const branch = type.types.find((t) => branchKey(t) === key);
      if (branch === undefined) throw new Error(`${path}: no union branch '${key}'`);
      return { [branch.branchName]: toAvsc(branch, json[key], `${path}.${key}`) };
    }
    default:
      return json;
  }
}

function fromAvsc(type, value) {
  switch (type.typeName) {
    case 'abstract:long':
      return value.toString();
    case 'float':
    case 'double':
      return Number.isFinite(value) ? value : String(value);
    case 'bytes':
    case 'fixed':
      return value.toString('base64');
    case 'array':
      return value.map((item) => fromAvsc(type.itemsType, item));
    case 'map':
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromAvsc(type.valuesType, v)]));
    case 'record':
    case 'error':
      return Object.fromEntries(type.fields.map((f) => [f.name, fromAvsc(f.type, value[f.name])]));
    case 'union:wrapped': {
      if (value === null) return null;
      const [key] = Object.keys(value);
      const branch = type.types.find((t) => t.branchName === key);
      return { [branchKey(branch)]: fromAvsc(branch, value[key]) };
    }
    default:
      return value;
  }
}

function encode(schemaText, json) {
  const type = valueType(schemaText);
  const value = toAvsc(type, json, '$');
  const problems = [];
  type.isValid(value, { errorHook: (path) => problems.push(path.join('.') || '$') });
  if (problems.length > 0) throw new Error(`avsc finds the value invalid at ${problems.join(', ')}`);
  return type.toBuffer(value).toString('base64');
}

function decode(schemaText, base64) {
  const type = valueType(schemaText);
  // fromBuffer throws on truncated input and on trailing bytes.
  return fromAvsc(type, type.fromBuffer(Buffer.from(base64, 'base64')));
}

function answer(request) {
  switch (request.op) {
    case 'canonical':
      return { canonical: canonical(request.schema) };
    case 'decode':
      return { value: decode(request.schema, request.data) };
    case 'encode':
      return { data: encode(request.schema, request.value) };
    default:
      throw new Error(`unknown op '${request.op}'`);
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const request = JSON.parse(line);
  let result;
  try {
    result = { id: request.id, ...answer(request) };
  } catch (error) {
    result = { id: request.id, error: error.message };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
