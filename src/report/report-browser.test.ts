/**
 * report.html as a person sees it: opened in headless Chromium (Debian's chromium through
 * playwright-core), every chart rendered, nothing fetched from anywhere but the file, and
 * screenshots kept in reports/screenshots/ (the paths are printed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumInstalled, openReport } from './test-support/browser.js';
import { writeSampleRun } from './test-support/sample-run.js';
import { screenshotReport } from './test-support/screenshot.js';
import { writeReport } from './write-report.js';

const SCREENSHOTS = fileURLToPath(new URL('../../reports/screenshots/', import.meta.url));

if (!chromiumInstalled()) {
  console.warn('report-browser.test: /usr/bin/chromium is missing (apt-get install chromium); skipped');
}

describe.skipIf(!chromiumInstalled())('report.html in a real browser', () => {
  let root: string;
  let html: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rollout-lab-browser-'));
    writeSampleRun(join(root, 'run'));
    await writeReport(join(root, 'run'));
    html = join(root, 'run', 'report.html');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('renders every chart, fetches nothing, and is kept as screenshots', async () => {
    const opened = await openReport(html);
    try {
      const charts = await opened.page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            id: f.id,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: svg ? svg.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] line').length : 0,
          };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual([
        'chart-leak-detection',
        'chart-leak-rollback',
        'chart-leak-blast-radius',
        'chart-leak-timeline',
        'chart-healthy-blast-radius',
        'chart-healthy-timeline',
      ]);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(300);
        expect(chart.height, chart.id).toBeGreaterThan(100);
        expect(chart.marks, chart.id).toBeGreaterThan(5);
      }
      expect(opened.foreignRequests).toEqual([]);
      expect(await opened.page.title()).toBe('Rollout Lab report: leak, healthy');
    } finally {
      await opened.close();
    }
    const paths = await screenshotReport(html, SCREENSHOTS);
    console.log(`report screenshots: ${paths.join(', ')}`);
  });

  it('would notice a request leaving the file', async () => {
    const leaky = join(root, 'leaky.html');
    writeFileSync(leaky, '<!doctype html><title>x</title><img src="http://example.invalid/pixel.png">');
    const opened = await openReport(leaky);
    try {
      expect(opened.foreignRequests).toEqual(['http://example.invalid/pixel.png']);
    } finally {
      await opened.close();
    }
  });
});
