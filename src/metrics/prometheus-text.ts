/**
 * A parser of the Prometheus text exposition format 0.0.4, as a scrape reads a
 * `/metrics` page: `# HELP` and `# TYPE` lines (other comments ignored), samples
 * `name{label="value",…} value [timestamp]` with escaped label values (`\\`, `\"`, `\n`),
 * values as Go's ParseFloat reads them (NaN, +Inf, -Inf in any case — prom-client writes
 * `Nan` — and `Inf`/`Infinity`), optional integer timestamps in ms, blank lines, a
 * trailing comma in a label list. Histograms and summaries are plain samples of their
 * `_bucket`/`_sum`/`_count` series, each keeping all its labels (unlike
 * parse-prometheus-text-format, which loses them for labelled histograms).
 *
 * Cost: one pass over the text, O(length). Errors name the line (1-based) and throw
 * {@link PrometheusTextError}; a scrape that fails to parse is a failed scrape, as in
 * Prometheus.
 */

/** One sample of a scraped page. */
export interface ScrapedSample {
  /** The series' metric name (`__name__`), with any `_bucket`/`_sum`/`_count` suffix. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** The exposed timestamp, ms since the Unix epoch, when the line had one. */
  readonly timestampMs?: number;
}

/** A metric family's metadata from its `# HELP` and `# TYPE` lines. */
export interface FamilyMetadata {
  type: string;
  help: string;
}

export interface ParsedPage {
  /** Samples in page order. */
  readonly samples: ScrapedSample[];
  /** Metadata by family name (the name in the HELP/TYPE line). */
  readonly families: Map<string, FamilyMetadata>;
}

export class PrometheusTextError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;
/** Decimal floats as Go's ParseFloat reads them (hex floats and underscores are not exposed in practice). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A sample value as Go's `strconv.ParseFloat` reads it: decimals, and `NaN`, `Inf`,
 * `Infinity` with an optional sign, in any case. NaN for anything else is not returned:
 * it throws, so a bad value is never mistaken for a real NaN.
 */
export function parseSampleValue(text: string): number {
  if (DECIMAL.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === 'nan' || lower === '+nan' || lower === '-nan') return Number.NaN;
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'inf' || unsigned === 'infinity') {
    return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  throw new Error(`not a number: ${JSON.stringify(text)}`);
}

/** Parse a whole page. Throws PrometheusTextError on the first malformed line. */
export function parsePrometheusText(text: string): ParsedPage {
  const samples: ScrapedSample[] = [];
  const families = new Map<string, FamilyMetadata>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '') continue;
    try {
      if (line.startsWith('#')) readComment(line, families);
      else samples.push(readSample(line));
    } catch (error) {
      if (error instanceof PrometheusTextError) throw error;
      throw new PrometheusTextError(i + 1, (error as Error).message);
    }
  }
  return { samples, families };
}

function readComment(line: string, families: Map<string, FamilyMetadata>): void {
  const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return; // any other comment
  const [, keyword, name, rest = ''] = m;
  if (!isMetricName(name)) throw new Error(`bad metric name ${JSON.stringify(name)}`);
  let meta = families.get(name);
  if (!meta) {
    meta = { type: 'untyped', help: '' };
    families.set(name, meta);
  }
  if (keyword === 'HELP') {
    meta.help = unescapeHelp(rest);
  } else {
    const type = rest.trim();
    if (!TYPES.has(type)) throw new Error(`unknown metric type ${JSON.stringify(type)} for ${name}`);
    meta.type = type;
  }
}

function isMetricName(name: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name);
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** A cursor over one sample line. */
function readSample(line: string): ScrapedSample {
  let i = 0;
  const n = line.length;
  if (!NAME_START.test(line[0])) throw new Error(`a sample must start with a metric name: ${line}`);
  while (i < n && NAME_CHAR.test(line[i])) i++;
  const name = line.slice(0, i);
  const labels: Record<string, string> = {};
  const skipSpace = () => {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
  };
  skipSpace();
  if (line[i] === '{') {
    i++;
    for (;;) {
      skipSpace();
      if (line[i] === '}') {
        i++;
        break;
      }
      if (i >= n || !LABEL_START.test(line[i])) throw new Error(`expected a label name at column ${i + 1}`);
      const start = i;
      while (i < n && LABEL_CHAR.test(line[i])) i++;
      const label = line.slice(start, i);
      skipSpace();
      if (line[i] !== '=') throw new Error(`expected '=' after label ${label}`);
      i++;
      skipSpace();
      if (line[i] !== '"') throw new Error(`expected '"' to open the value of label ${label}`);
      i++;
      let value = '';
      for (;;) {
        if (i >= n) throw new Error(`unterminated value of label ${label}`);
        const c = line[i++];
        if (c === '"') break;
        if (c === '\\') {
          const e = line[i++];
          if (e === 'n') value += '\n';
          else if (e === '\\' || e === '"') value += e;
          else throw new Error(`bad escape \\${e ?? ''} in the value of label ${label}`);
        } else value += c;
      }
      if (Object.hasOwn(labels, label)) throw new Error(`label ${label} given twice`);
      labels[label] = value;
      skipSpace();
      if (line[i] === ',') i++;
      else if (line[i] !== '}') throw new Error(`expected ',' or '}' after label ${label}`);
    }
  }
  const rest = line
    .slice(i)
    .trim()
    .split(/[ \t]+/);
  if (rest.length === 0 || rest[0] === '') throw new Error(`sample ${name} has no value`);
  if (rest.length > 2)
    throw new Error(`unexpected text after the sample of ${name}: ${rest.slice(2).join(' ')}`);
  const value = parseSampleValue(rest[0]);
  if (rest.length === 2) {
    if (!/^-?\d+$/.test(rest[1])) throw new Error(`bad timestamp ${JSON.stringify(rest[1])}`);
    return { name, labels, value, timestampMs: Number(rest[1]) };
  }
  return { name, labels, value };
}
