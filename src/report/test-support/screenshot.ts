/**
 * Screenshots of a report for people who cannot open it (CI artifacts, the example in
 * reports/example): the top of the page and the first scenario's section.
 *
 *     npx tsx src/report/test-support/screenshot.ts reports/example/report.html reports/example
 *
 * writes report-top.png and report-first-scenario.png into the folder and prints their paths.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openReport } from './browser.js';

/** Writes the two screenshots of `html` into `dir`; returns their paths. */
export async function screenshotReport(html: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const opened = await openReport(resolve(html));
  try {
    if (opened.foreignRequests.length > 0)
      throw new Error(`the report made requests: ${opened.foreignRequests.join(', ')}`);
    const top = join(dir, 'report-top.png');
    const section = join(dir, 'report-first-scenario.png');
    await opened.page.screenshot({ path: top });
    await opened.page.locator('section.scenario').first().screenshot({ path: section });
    return [top, section];
  } finally {
    await opened.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [html, dir] = process.argv.slice(2);
  if (!html || !dir) {
    console.error('usage: screenshot.ts REPORT.html OUT_DIR');
    process.exit(2);
  }
  for (const path of await screenshotReport(html, dir)) console.log(path);
}
