// How @kafkajs/confluent-schema-registry sees the sandbox registry's injected faults and basic auth.
// stdin: {"url": …, "username": …, "password": …}; the .NET test has armed exactly two injected 5xx answers.
// Exits non-zero with a message on the first mismatch; on success prints one JSON line.
import assert from 'node:assert/strict';
import registryPackage from '@kafkajs/confluent-schema-registry';

const { SchemaRegistry, SchemaType } = registryPackage;

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const auth = { username: input.username, password: input.password };
const schema = { type: SchemaType.AVRO, schema: JSON.stringify({ type: 'record', name: 'Ping', fields: [{ name: 'at', type: 'long' }] }) };

async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

async function main() {
  // First injected fault, no retries: the client surfaces the registry's 5xx and its message.
  const injected = await failure(new SchemaRegistry({ host: input.url, auth, retry: { retries: 0 } }).getLatestSchemaId('pings-value'));
  assert.ok(injected, 'a request the registry was told to fail succeeded');
  assert.equal(injected.status, 500, `the injected fault arrived as ${injected.status}: ${injected.message}`);
  assert.match(injected.message, /injected by the sandbox/, `the error body's message did not reach the client: ${injected.message}`);

  // Second injected fault hits the first attempt; the client's own retry gets through.
  const retrying = new SchemaRegistry({ host: input.url, auth, retry: { retries: 2, initialRetryTimeInSecs: 0.05, maxRetryTimeInSecs: 1 } });
  const { id } = await retrying.register(schema, { subject: 'pings-value' });
  assert.equal(typeof id, 'number', `register after a retried fault answered ${id}`);

  const anonymous = await failure(new SchemaRegistry({ host: input.url, retry: { retries: 0 } }).getSchema(id));
  assert.ok(anonymous, 'a request without credentials succeeded');
  assert.equal(anonymous.status, 401, `a request without credentials got ${anonymous.status}: ${anonymous.message}`);
  assert.equal(anonymous.unauthorized, true, 'the client did not recognise the 401');

  process.stdout.write(JSON.stringify({ id, injected: injected.message, anonymous: anonymous.message }) + '\n');
}

try {
  await main();
} catch (error) {
  process.stderr.write(`registry-faults: ${error?.stack ?? error}\n`);
  process.exit(1);
}
