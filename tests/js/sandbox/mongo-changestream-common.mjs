// Shared helpers for the change stream scripts: open a stream so the server-side cursor exists before writes, and
// read exactly n events with a deadline so a missing event fails clearly instead of hanging (30 s: it only bounds a
// hang, so a loaded machine never reaches it).
export async function openStream(target, pipeline = [], options = {}) {
  const stream = target.watch(pipeline, { maxAwaitTimeMS: 100, ...options });
  const first = await stream.tryNext();
  if (first !== null) {
    throw new Error(`a new change stream returned an event before any write: ${JSON.stringify(first)}`);
  }
  return stream;
}

export async function take(stream, n, what, timeoutMs = 30000) {
  const events = [];
  const deadline = Date.now() + timeoutMs;
  while (events.length < n) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: expected ${n} events within ${timeoutMs} ms, got ${events.length}: ${JSON.stringify(events.map((e) => e.operationType))}`);
    }
    const change = await stream.tryNext();
    if (change !== null) events.push(change);
  }
  return events;
}

export async function expectNoMore(stream, what) {
  const change = await stream.tryNext();
  if (change !== null) {
    throw new Error(`${what}: expected no further event, got ${JSON.stringify(change)}`);
  }
}
