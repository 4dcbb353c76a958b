// Validates Helm values the way `helm install -f …` would: the chart's values.yaml, overlaid by each given file
// (maps merge, everything else replaces, null removes a key — Helm's coalescing), then optional mutations, checked
// against values.schema.json with ajv in strict mode. YAML is read as YAML 1.1, as Helm's parser reads it, so an
// unquoted `off` is the boolean false there too.
//
// stdin:  {"chart": "<chart dir>", "cases": [{"name": "…", "files": ["ci/x.yaml" (chart-relative or absolute)],
//          "mutations": [{"path": ["config", "mongodb", "bogus"], "value": 1} | {"path": […], "remove": true}]}]}
// stdout: {"cases": [{"name": "…", "valid": bool, "errors": ["<instancePath> <message>", …], "values": {…}}]}
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';

const request = JSON.parse(readFileSync(0, 'utf8'));
const chart = request.chart;

function readYaml(file) {
  const text = readFileSync(resolve(chart, file), 'utf8');
  const doc = YAML.parseDocument(text, { version: '1.1', uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new Error(`${file}: ${doc.errors.map(e => e.message).join('; ')}`);
  }
  return doc.toJS() ?? {};
}

const isMap = v => v !== null && typeof v === 'object' && !Array.isArray(v);

function coalesce(base, overlay) {
  const result = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) {
      delete result[key];
    } else if (isMap(value) && isMap(result[key])) {
      result[key] = coalesce(result[key], value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

function mutate(values, mutation) {
  let node = values;
  for (const key of mutation.path.slice(0, -1)) {
    if (!isMap(node[key]) && !Array.isArray(node[key])) {
      throw new Error(`mutation path ${mutation.path.join('.')}: ${key} is not an object in the values`);
    }
    node = node[key];
  }
  const last = mutation.path[mutation.path.length - 1];
  if (mutation.remove) {
    delete node[last];
  } else {
    node[last] = mutation.value;
  }
}

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')));
const defaults = readYaml('values.yaml');

const cases = request.cases.map(c => {
  let values = structuredClone(defaults);
  for (const file of c.files ?? []) {
    values = coalesce(values, readYaml(file));
  }
  for (const mutation of c.mutations ?? []) {
    mutate(values, mutation);
  }
  const valid = validate(values);
  const errors = valid ? [] : validate.errors.map(e =>
    `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
  return { name: c.name, valid, errors, values };
});

process.stdout.write(JSON.stringify({ cases }));
