// Small assertion helpers for the sandbox scripts: every failure names what was expected and what came back.
import { inspect } from 'node:util';

export function expectEqual(actual, expected, what) {
  const a = inspect(actual, { depth: 10 });
  const e = inspect(expected, { depth: 10 });
  if (a !== e) {
    throw new Error(`${what}: expected ${e}, got ${a}`);
  }
}

export function expectTrue(condition, what) {
  if (!condition) {
    throw new Error(`${what}: expectation failed`);
  }
}

export async function expectError(action, check, what) {
  try {
    await action();
  } catch (error) {
    check(error);
    return error;
  }
  throw new Error(`${what}: expected an error, but the call succeeded`);
}

export async function readStdinJson() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function runMain(main) {
  main().then(
    () => exitWhenWritten(0),
    (error) => {
      console.error(error && error.stack ? error.stack : String(error));
      exitWhenWritten(1);
    });
}

// Exits once stdout and stderr reached their pipes: process.exit() alone drops output the reader has not taken yet
// (pipe writes are asynchronous in Node), which a busy machine makes likely.
function exitWhenWritten(code) {
  let pending = 2;
  const written = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}
