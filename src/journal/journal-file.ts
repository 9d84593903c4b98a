/**
 * Journals on disk: one gzipped JSON-lines file per chunk of trials of one scenario ×
 * strategy, one line per trial. Numbers are rounded to what they mean (integer counts,
 * 0.1 ms latencies, 1e-6 expectations) so files are small and byte-identical for a seed.
 * Readers take every `*.jsonl.gz` of a folder in name order.
 *
 * Format @2 stores each per-second tally array packed: `{"scale": s, "i32": base64}` — the
 * values × s as little-endian 32-bit integers. A trial has ~20 arrays of one number per
 * second; as JSON numbers they were most of a report's reading time. @1 (plain arrays) is
 * still read.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { JournalData, PerSecond, Tallies } from './journal.js';

export const JOURNAL_FORMAT = 'rollout-lab/journal@2';
const JOURNAL_FORMAT_1 = 'rollout-lab/journal@1';

interface Packed {
  readonly scale: number;
  readonly i32: string;
}

function pack(values: PerSecond, scale: number): Packed {
  const ints = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) ints[i] = Math.round(values[i] * scale);
  return { scale, i32: Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength).toString('base64') };
}

function unpack(packed: Packed): PerSecond {
  const bytes = Buffer.from(packed.i32, 'base64');
  // Copy into an aligned buffer: a decoded Buffer may start at any offset of its pool.
  const ints = new Int32Array(bytes.length / 4);
  new Uint8Array(ints.buffer).set(bytes);
  const out = new Float64Array(ints.length);
  const scale = packed.scale;
  for (let i = 0; i < ints.length; i++) out[i] = scale === 1 ? ints[i] : ints[i] / scale;
  return out;
}

/** Every per-second array of the tallies, with the scale it is stored at. */
function mapTallies<A, B>(t: TalliesOf<A>, f: (values: A, scale: number) => B): TalliesOf<B> {
  const cell = (c: { requests: A; failed: A }) => ({ requests: f(c.requests, 1), failed: f(c.failed, 1) });
  const version = (v: { requests: A; serverErrors: A; p99Ms: A }) => ({
    requests: f(v.requests, 1),
    serverErrors: f(v.serverErrors, 1),
    p99Ms: f(v.p99Ms, 10),
  });
  return {
    seconds: t.seconds,
    cells: {
      'stable.v1Shape': cell(t.cells['stable.v1Shape']),
      'stable.v2Shape': cell(t.cells['stable.v2Shape']),
      'canary.v1Shape': cell(t.cells['canary.v1Shape']),
      'canary.v2Shape': cell(t.cells['canary.v2Shape']),
    },
    versions: { stable: version(t.versions.stable), canary: version(t.versions.canary) },
    mirrored: f(t.mirrored, 1),
    sessions: {
      active: f(t.sessions.active, 1),
      newlyAffected: f(t.sessions.newlyAffected, 1),
      expectedBaseline: f(t.sessions.expectedBaseline, 1e6),
    },
  };
}

/** The shape of Tallies with another type in place of each per-second array. */
interface TalliesOf<A> {
  readonly seconds: number;
  readonly cells: Record<keyof Tallies['cells'], { readonly requests: A; readonly failed: A }>;
  readonly versions: Record<
    'stable' | 'canary',
    { readonly requests: A; readonly serverErrors: A; readonly p99Ms: A }
  >;
  readonly mirrored: A;
  readonly sessions: { readonly active: A; readonly newlyAffected: A; readonly expectedBaseline: A };
}

/** The values rounded to 1 / scale (scale a power of ten): what they mean, and what is stored. */
function round(values: PerSecond, scale: number): PerSecond {
  return values.map((v) => Math.round(v * scale) / scale);
}

function roundTallies(t: Tallies): Tallies {
  return mapTallies(t, round);
}

/** Times rounded to the microsecond: simulated arrivals are fractional milliseconds. */
function roundEvents(events: JournalData['events']): JournalData['events'] {
  return events.map((e) => ({ ...e, t: Math.round(e.t * 1000) / 1000 }));
}

/** The journal as it is stored: rounded as above. Measures are computed from this form. */
export function normalizeJournal(journal: JournalData): JournalData {
  return {
    header: journal.header,
    events: roundEvents(journal.events),
    tallies: roundTallies(journal.tallies),
  };
}

/** One journal as its JSON line (no newline). */
export function encodeJournalLine(j: JournalData): string {
  return JSON.stringify({
    format: JOURNAL_FORMAT,
    header: j.header,
    events: j.events,
    tallies: mapTallies(j.tallies, pack),
  });
}

/**
 * One journal as a gzip member (its JSON line and newline). A journal file is its trials'
 * members one after the other, which gunzip reads as one stream: each trial is compressed
 * as soon as it is simulated, so a chunk never holds its journals decoded or one big JSON
 * text. Level 1: on 50 connection-leak journals it compresses 17.7 MB in 53 ms to 2.0 MB,
 * where level 6 takes 246 ms for 1.7 MB — compression was a tenth of a simulated trial's
 * cost at level 6.
 */
export function encodeJournalMember(journal: JournalData): Buffer {
  return gzipSync(Buffer.from(`${encodeJournalLine(journal)}\n`), { level: 1 });
}

export function decodeJournals(gz: Buffer): JournalData[] {
  const text = gunzipSync(gz).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map(decodeJournalLine);
}

/** One journal from its JSON line, in either format. */
export function decodeJournalLine(line: string): JournalData {
  const parsed = JSON.parse(line) as { format?: string } & Omit<JournalData, 'tallies'> & {
      tallies: unknown;
    };
  if (parsed.format === JOURNAL_FORMAT_1) {
    const plain = parsed.tallies as TalliesOf<number[]>;
    return {
      header: parsed.header,
      events: parsed.events,
      tallies: mapTallies(plain, (a) => Float64Array.from(a)),
    };
  }
  if (parsed.format !== JOURNAL_FORMAT) {
    throw new Error(`not a ${JOURNAL_FORMAT} journal line (format ${parsed.format})`);
  }
  const tallies = mapTallies(parsed.tallies as TalliesOf<Packed>, unpack);
  return { header: parsed.header, events: parsed.events, tallies };
}

export function writeJournalFile(dir: string, name: string, journals: readonly JournalData[]): string {
  return writeJournalMembers(dir, name, journals.map(encodeJournalMember));
}

/** Writes a journal file from its trials' gzip members (encodeJournalMember), in order. */
export function writeJournalMembers(dir: string, name: string, members: readonly Buffer[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(members));
  return path;
}

/** Every journal under a folder (its *.jsonl.gz files in name order). */
export function readJournalDir(dir: string): JournalData[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
  return files.flatMap((f) => decodeJournals(readFileSync(join(dir, f))));
}
