import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportInputError } from './input/report-input-error.js';
import { writeSampleRun } from './test-support/sample-run.js';
import { writeReport } from './write-report.js';

const FILES = ['junit.xml', 'report.html', 'report.md', 'results.json'];

describe('writeReport', () => {
  let root: string;
  let dir: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rollout-lab-report-'));
    dir = join(root, 'run');
    writeSampleRun(dir);
    await writeReport(dir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  it('writes the HTML, Markdown, results.json and junit.xml', () => {
    for (const f of FILES) expect(existsSync(join(dir, f))).toBe(true);
  });

  it('rebuilds byte-identical files from the same journals', async () => {
    const before = FILES.map(read);
    const copy = join(root, 'copy');
    writeSampleRun(copy);
    await writeReport(copy);
    await writeReport(dir);
    expect(FILES.map(read)).toEqual(before);
    expect(FILES.map((f) => readFileSync(join(copy, f), 'utf8'))).toEqual(before);
  });

  it('shows Kaplan–Meier medians for a strategy that sometimes never detects, not the average of the detected', () => {
    const md = read('report.md');
    const row = md.split('\n').find((l) => l.startsWith('| Detection time, median |'))!;
    const [, canary, partial, never] = row.replace(/ \|$/, '').split(' | ');
    expect(canary).toMatch(/^55s \[/);
    // 6 of 10 detected at 10…60 s: the detected alone average 35 s; with the 4 undetected
    // kept at risk, S(50 s) = ½ and the median is 55 s.
    expect(partial).toMatch(/^55s /);
    expect(row).not.toContain('35s');
    expect(never).toBe('not reached (0/10 detected)');
    const statistics = JSON.parse(read('results.json')).statistics;
    const leak = statistics.scenarios[0];
    expect(leak.strategies[1].detection.time.median.estimate).toBe(55_000);
    expect(leak.strategies[2].detection.time).toMatchObject({
      median: { estimate: null },
      events: 0,
      censored: 10,
    });
    expect(md).toContain('Detection, when the median is not reached');
  });

  it('writes verdicts with n, and the false rollbacks of the control scenario beside each strategy', () => {
    const md = read('report.md');
    expect(md).toMatch(
      /canary detects the connection leak faster than never: median 55s vs not reached \(0\/10 detected\); detected by the end of observation 100% vs 0%, p [<=] [\d.]+, n = 10 each/,
    );
    expect(md).toContain(
      '| False rollbacks (in healthy) | 1/10 = 10% [1.8%–40%] | 0/10 = 0% [0%–28%] (below 26% (one-sided 95%)) | — (not in the control run) |',
    );
  });

  it('evaluates the assertions into junit.xml and the statistics', () => {
    const junit = read('junit.xml');
    expect(junit).toContain('<testsuites name="rollout-lab" tests="4" failures="2" errors="0" skipped="0">');
    expect(junit).toContain('<testcase classname="rollout-lab.leak" name="partial.detection.rate &gt; 0.9">');
    const results = JSON.parse(read('results.json'));
    expect(results.format).toBe('rollout-lab/results@2');
    expect(results.statistics.format).toBe('rollout-lab/statistics@1');
    expect(results.statistics.assertionsFailed).toBe(true);
    expect(results.scenarios[0].assertions).toHaveLength(3);
    expect(results.cells[0].trials[0]).not.toHaveProperty('referenceMs');
  });

  it('keeps the HTML self-contained: no scripts, no external references', () => {
    const html = read('report.html');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(src|href)="(?!#)/);
    expect((html.match(/<svg/g) ?? []).length).toBe(4 + 2);
  });

  it('refuses a folder that is not a run, and writes nothing there', async () => {
    await expect(writeReport(join(root, 'missing'))).rejects.toThrow(ReportInputError);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(writeReport(empty)).rejects.toThrow(/has no journals\/ folder/);
    const noJournals = join(root, 'no-journals');
    mkdirSync(join(noJournals, 'journals'), { recursive: true });
    await expect(writeReport(noJournals)).rejects.toThrow(/holds no journals/);
    const badResults = join(root, 'bad-results');
    writeSampleRun(badResults);
    writeFileSync(join(badResults, 'results.json'), '{"format": "something/else"}');
    await expect(writeReport(badResults)).rejects.toThrow(/is not a rollout-lab results file/);
    const badJournal = join(root, 'bad-journal');
    writeSampleRun(badJournal);
    writeFileSync(join(badJournal, 'journals/leak/canary/trials-000000.jsonl.gz'), 'not gzip');
    await expect(writeReport(badJournal)).rejects.toThrow(/is not a readable rollout-lab journal/);
    for (const d of [empty, noJournals]) expect(readdirSync(d).filter((f) => FILES.includes(f))).toEqual([]);
    expect(readdirSync(badJournal).filter((f) => f.startsWith('report'))).toEqual([]);
  });

  it("keeps top-level fields of results.json it does not write itself (the local backend's time scale)", async () => {
    const scaled = join(root, 'scaled');
    writeSampleRun(scaled);
    const manifest = JSON.parse(readFileSync(join(scaled, 'results.json'), 'utf8'));
    manifest.timeScale = 10;
    manifest.timeScaleNote = 'scenario timeline compressed 10×';
    writeFileSync(join(scaled, 'results.json'), JSON.stringify(manifest));
    await writeReport(scaled);
    const results = JSON.parse(readFileSync(join(scaled, 'results.json'), 'utf8'));
    expect(Object.keys(results)).toEqual([
      'format',
      'generator',
      'backend',
      'fidelity',
      'timeScale',
      'timeScaleNote',
      'scenarios',
      'cells',
      'statistics',
    ]);
    expect(readFileSync(join(scaled, 'report.html'), 'utf8')).toContain(
      'Time scale: scenario timeline compressed 10×',
    );
  });

  it('rebuilds from the journals alone when results.json is missing', async () => {
    const bare = join(root, 'bare');
    writeSampleRun(bare);
    rmSync(join(bare, 'results.json'));
    const { report, files } = await writeReport(bare);
    expect(files).toEqual(['report.html', 'report.md', 'results.json']);
    // Without results.json, scenarios and strategies come in name order.
    expect(report.scenarios.map((s) => s.input.name)).toEqual(['healthy', 'leak']);
    expect(report.assertions).toEqual([]);
  });
});
