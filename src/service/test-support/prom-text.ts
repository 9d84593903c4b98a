/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for checking what the
 * service's /metrics serves: HELP and TYPE lines, samples with escaped label values,
 * NaN and ±Inf in any case (prom-client writes `Nan`), optional timestamps. Any line it cannot read is an error naming the line.
 */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly timestampMs?: number;
}

export interface Family {
  readonly name: string;
  type: string;
  help: string;
  readonly samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count', ''],
};

/** Families by name, each with its samples. Throws on the first malformed line. */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${line}`);
    };
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!m) return; // other comments
      if (!METRIC_NAME.test(m[2]) || METRIC_NAME.exec(m[2])![0] !== m[2]) fail('bad metric name');
      const f = family(m[2]);
      if (m[1] === 'HELP') f.help = (m[3] ?? '').replace(/\\(n|\\)/g, (_, c) => (c === 'n' ? '\n' : '\\'));
      else {
        const type = (m[3] ?? '').trim();
        if (!TYPES.has(type)) fail('unknown type');
        if (f.samples.length > 0) fail('TYPE after samples');
        f.type = type;
      }
      return;
    }
    const sample = parseSample(line, fail);
    family(familyOf(sample.name, families)).samples.push(sample);
  });
  return families;
}

function familyOf(name: string, families: Map<string, Family>): string {
  for (const [familyName, f] of families) {
    for (const suffix of SUFFIXES[f.type] ?? []) if (name === familyName + suffix) return familyName;
  }
  return name;
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  const nameMatch = METRIC_NAME.exec(line);
  if (!nameMatch) fail('no metric name');
  const name = nameMatch![0];
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const label = LABEL_NAME.exec(rest);
      if (!label) fail('bad label name');
      rest = rest.slice(label![0].length);
      if (!rest.startsWith('="')) fail('expected ="');
      rest = rest.slice(2);
      let value = '';
      for (;;) {
        if (rest === '') fail('unterminated label value');
        const c = rest[0];
        if (c === '"') break;
        if (c === '\\') {
          const e = rest[1];
          if (e === 'n') value += '\n';
          else if (e === '\\' || e === '"') value += e;
          else fail('bad escape');
          rest = rest.slice(2);
        } else {
          value += c;
          rest = rest.slice(1);
        }
      }
      rest = rest.slice(1);
      if (label![0] in labels) fail(`duplicate label ${label![0]}`);
      labels[label![0]] = value;
      rest = rest.trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) fail('expected , or }');
    }
  }
  const parts = rest.trim().split(/\s+/);
  if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) fail('expected a value');
  const value = parseValue(parts[0]);
  if (value === undefined) fail('bad value');
  if (parts.length === 2 && !/^-?\d+$/.test(parts[1])) fail('bad timestamp');
  return parts.length === 2
    ? { name, labels, value: value!, timestampMs: Number(parts[1]) }
    : { name, labels, value: value! };
}

/** A float as Go's strconv.ParseFloat (which Prometheus uses) reads it: nan and inf in any case. */
function parseValue(text: string): number | undefined {
  if (/^nan$/i.test(text)) return Number.NaN;
  const inf = /^([+-]?)inf(inity)?$/i.exec(text);
  if (inf) return inf[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
