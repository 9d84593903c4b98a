/**
 * `rollout-lab report DIR`: rebuild a run's report from its journals alone — report.html,
 * report.md, results.json (with statistics) and junit.xml when there are assertions.
 * Exit 1 when an assertion fails, 2 when DIR cannot be read (nothing is written then).
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ReportInputError } from '../../report/input/report-input-error.js';
import { type WrittenReport, writeReport } from '../../report/write-report.js';
import { type CliContext, EXIT } from '../io.js';

const HELP = `
Reads DIR/journals (every trial's events and per-second tallies) and DIR/results.json
(the scenarios' descriptions, seeds and assertions), re-measures every trial and writes,
in DIR:
  report.html    one self-contained page: verdicts, a table per scenario, charts (SVG)
  report.md      the same verdicts and tables, for pull requests and chat
  results.json   every trial's measures and the statistics (rollout-lab/results@2)
  junit.xml      one testcase per assertion (only when a scenario has spec.assert)

The same journals give the same files, byte for byte. \`rollout-lab run\` does this at
its end; use \`report\` after changing nothing but the report, or on journals copied
from elsewhere.

Exit codes: 0 ok, 1 an assertion failed, 2 DIR is not a run folder (nothing written).

Examples:
  $ rollout-lab report reports/leak
  $ rollout-lab report reports/demo && open reports/demo/report.html`;

/** "report.html, report.md, … in DIR" and the assertions' outcome. */
export function reportSummary(written: WrittenReport, shownDir: string): string {
  const lines = [`report: ${written.files.map((f) => join(shownDir, f)).join(', ')}\n`];
  const results = written.report.assertions;
  for (const r of results.filter((a) => a.status !== 'passed')) {
    lines.push(`assertion ${r.status.toUpperCase()}: ${r.scenario}: ${r.text} — ${r.message}\n`);
  }
  if (results.length > 0) {
    const failed = results.filter((a) => a.status === 'failed' || a.status === 'error').length;
    lines.push(
      failed === 0
        ? `assertions: all ${results.length} passed\n`
        : `assertions: ${failed} of ${results.length} failed\n`,
    );
  }
  return lines.join('');
}

/** Registers `report <dir>`. */
export function registerReport(program: Command, context: CliContext): void {
  program
    .command('report')
    .summary("rebuild a run's report (HTML, Markdown, JSON, JUnit) from its journals")
    .description("Rebuild a run's report from its journals: report.html, report.md, results.json, junit.xml.")
    .argument('<dir>', 'the output folder of a run (holds journals/ and results.json)')
    .addHelpText('after', HELP)
    .action(async (dir: string) => {
      const io = context.io;
      let written: WrittenReport;
      try {
        written = await writeReport(resolve(io.cwd, dir));
      } catch (error) {
        if (!(error instanceof ReportInputError)) throw error;
        io.stderr(`rollout-lab report: ${error.message}\n`);
        context.fail(EXIT.invalidInput);
        return;
      }
      io.stderr(reportSummary(written, dir));
      if (written.report.assertionsFailed) context.fail(EXIT.failure);
    });
}
