// Shared by the integration-test scripts: one JSON input on stdin, JSON lines on stdout, a clear failure on stderr.
import { writeSync } from 'node:fs';
import readline from 'node:readline';

export async function readFirstStdinLine() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim().length > 0) return { input: JSON.parse(line), lines };
  }
  throw new Error('expected one JSON line on stdin with the script input');
}

// Resolves on "stop" on stdin or when stdin closes, whichever comes first (the harness does either).
export function stopRequested(lines) {
  return new Promise((resolve) => {
    lines.on('line', (line) => { if (line.trim() === 'stop') resolve(); });
    lines.on('close', resolve);
  });
}

export function emit(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

export function fail(error) {
  // Written synchronously: process.exit() would drop an asynchronous pipe write the reader has not taken yet.
  writeSync(2, `${error?.stack ?? error}\n`);
  process.exit(1);
}

// Ends the process once everything it wrote has reached its pipes. Writes to a pipe are asynchronous in Node, and
// process.exit() drops what the reading side has not taken yet: on a busy machine the test host reads slowly, and the
// last lines (the last one cut in the middle) were lost.
export function exitWhenWritten(code) {
  let pending = 2;
  const written = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}

// A deterministic generator (mulberry32), so a seed gives the same workload on every run.
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
