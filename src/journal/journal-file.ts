/**
 * Journals on disk: one gzipped JSON-lines file per chunk of trials of one scenario ×
 * strategy, one line per trial. Numbers are rounded to what they mean (integer counts,
 * 0.1 ms latencies, 1e-6 expectations) so files are small and byte-identical for a seed.
 * Readers take every `*.jsonl.gz` of a folder in name order.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { JournalData, Tallies } from './journal.js';

export const JOURNAL_FORMAT = 'rollout-lab/journal@1';

function round(values: readonly number[], digits: number): number[] {
  const f = 10 ** digits;
  return values.map((v) => Math.round(v * f) / f);
}

function roundTallies(t: Tallies): Tallies {
  const cells = Object.fromEntries(
    Object.entries(t.cells).map(([k, c]) => [
      k,
      { requests: round(c.requests, 0), failed: round(c.failed, 0) },
    ]),
  ) as Tallies['cells'];
  const versions = Object.fromEntries(
    Object.entries(t.versions).map(([k, v]) => [
      k,
      { requests: round(v.requests, 0), serverErrors: round(v.serverErrors, 0), p99Ms: round(v.p99Ms, 1) },
    ]),
  ) as Tallies['versions'];
  return {
    seconds: t.seconds,
    cells,
    versions,
    mirrored: round(t.mirrored, 0),
    sessions: {
      active: round(t.sessions.active, 0),
      newlyAffected: round(t.sessions.newlyAffected, 0),
      expectedBaseline: round(t.sessions.expectedBaseline, 6),
    },
  };
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

export function encodeJournals(journals: readonly JournalData[]): Buffer {
  const lines = journals.map((j) => JSON.stringify({ format: JOURNAL_FORMAT, ...j }));
  return gzipSync(Buffer.from(`${lines.join('\n')}\n`), { level: 6 });
}

export function decodeJournals(gz: Buffer): JournalData[] {
  const text = gunzipSync(gz).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const parsed = JSON.parse(l) as JournalData & { format?: string };
      if (parsed.format !== JOURNAL_FORMAT)
        throw new Error(`not a ${JOURNAL_FORMAT} journal line (format ${parsed.format})`);
      return { header: parsed.header, events: parsed.events, tallies: parsed.tallies };
    });
}

export function writeJournalFile(dir: string, name: string, journals: readonly JournalData[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, encodeJournals(journals));
  return path;
}

/** Every journal under a folder (its *.jsonl.gz files in name order). */
export function readJournalDir(dir: string): JournalData[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
  return files.flatMap((f) => decodeJournals(readFileSync(join(dir, f))));
}
