// Shared by the kafka-*.mjs scripts the sandbox tests run: kafkajs (a Kafka client no one here wrote) against the
// embedded Kafka. Each script reads a JSON request as the first stdin line, may then follow the test's commands line by
// line, prints its findings on stdout, and exits non-zero with a reason on stderr when the cluster misbehaves.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { Kafka, logLevel } from 'kafkajs';

const require = createRequire(import.meta.url);
// kafkajs's own table of Kafka error codes: types, messages, retriability.
export const { errorCodes } = require('kafkajs/src/protocol/error');

export function fail(message) {
  // Written synchronously: process.exit() would drop an asynchronous pipe write the reader has not taken yet.
  writeSync(2, `${message}\n`);
  process.exit(1);
}

// Bounds the whole script, so a hung client fails with a reason instead of being killed by the test.
export function deadline(seconds) {
  const timer = setTimeout(() => fail(`timed out after ${seconds} s`), seconds * 1000);
  timer.unref();
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

export async function nextLine() {
  const { value, done } = await lines.next();
  if (done) fail('stdin closed before the expected command');
  return value;
}

export async function readRequest() {
  const line = await nextLine();
  try {
    return JSON.parse(line);
  } catch (e) {
    fail(`the first stdin line is not JSON: ${e.message}`);
  }
}

// A line the test waits for before it changes the cluster; then the script waits for the test's go-ahead.
export async function handshake(state, expectedCommand) {
  process.stdout.write(`${state}\n`);
  const command = await nextLine();
  if (command.trim() !== expectedCommand) fail(`expected the command '${expectedCommand}', got '${command}'`);
}

// Every log entry kafkajs writes, kept so scripts can show what the client saw (errors, retries).
export const logs = [];

export function createKafka(request, overrides = {}) {
  return new Kafka({
    clientId: request.clientId ?? 'cdc-sandbox-test',
    brokers: request.bootstrapServers.split(','),
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }) => logs.push({ level, message: log.message, error: log.error }),
    ...overrides,
  });
}

// The chain of an error and the errors it wraps, outermost first: kafkajs protocol errors by their Kafka type
// (e.g. NOT_LEADER_FOR_PARTITION), others by class name (e.g. KafkaJSConnectionError).
export function errorChain(error) {
  const chain = [];
  for (let e = error; e && chain.length < 10; e = e.cause ?? e.originalError) {
    const name = e.type ?? e.name ?? 'Error';
    if (chain[chain.length - 1] !== name) chain.push(name);
  }
  return chain;
}
