/**
 * Builds a run folder's report and writes it: report.html, report.md, results.json (with
 * its statistics section) and, when any scenario has assertions, junit.xml. Everything is
 * computed before the first file is written, so a folder that cannot be read gets nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportHtml } from './html/page.js';
import { type PreMeasured, readRunDir } from './input/run-dir.js';
import { junitXml } from './junit.js';
import { reportMarkdown } from './markdown.js';
import { resultsDocument } from './results-document.js';
import { buildRunReport, type RunReport } from './run-report.js';

export interface WrittenReport {
  readonly report: RunReport;
  /** Names of the files written in the folder. */
  readonly files: readonly string[];
}

/** The files of a report, by name, in the order they are written. */
export function reportFiles(report: RunReport): Map<string, string> {
  const files = new Map<string, string>([
    ['report.html', reportHtml(report)],
    ['report.md', reportMarkdown(report)],
    ['results.json', `${JSON.stringify(resultsDocument(report), null, 2)}\n`],
  ]);
  if (report.assertions.length > 0) files.set('junit.xml', junitXml(report.assertions));
  return files;
}

/**
 * Reads `dir` (a run's output folder), builds the report and writes its files there.
 * Throws ReportInputError (nothing written) when the folder cannot be read. A junit.xml
 * left from an earlier report is removed when no scenario has assertions any more.
 * `measured`: cells the caller already measured from the journals (see readRunDir).
 */
export async function writeReport(dir: string, measured?: PreMeasured): Promise<WrittenReport> {
  const report = await buildRunReport(readRunDir(dir, measured));
  const files = reportFiles(report);
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  if (!files.has('junit.xml')) rmSync(join(dir, 'junit.xml'), { force: true });
  return { report, files: [...files.keys()] };
}
