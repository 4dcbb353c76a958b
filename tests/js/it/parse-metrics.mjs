// Scrapes a cdc /metrics endpoint and parses it with an independent Prometheus text-format parser
// (parse-prometheus-text-format). Input: one JSON line {"url": "http://127.0.0.1:PORT/metrics"}.
// Output: one JSON line {"status", "contentType", "families": [{name, help, type, metrics}]}.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { readFirstStdinLine, emit, fail } from './common.mjs';

try {
  const { input, lines } = await readFirstStdinLine();
  lines.close();
  const response = await fetch(input.url, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const families = parsePrometheusTextFormat(text);
  // The parser is lenient: also refuse a sample line it could not have read as one of the families.
  const sampleLines = text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#'));
  const parsedSamples = families.reduce((sum, family) => sum + family.metrics.reduce(
    (n, metric) => n + (metric.buckets ? Object.keys(metric.buckets).length + 2 : 1), 0), 0);
  if (parsedSamples !== sampleLines.length) {
    throw new Error(`parsed ${parsedSamples} samples from ${sampleLines.length} sample lines:\n${text}`);
  }

  emit({ status: response.status, contentType: response.headers.get('content-type'), families });
} catch (error) {
  fail(error);
}
