/**
 * report.md: the verdicts and tables of report.html without the charts, for pull
 * requests and chat (GitHub-flavoured Markdown tables).
 */
import type { AssertionResult } from './assertions/evaluate.js';
import { QUANTITY_TITLES } from './html/scenario-section.js';
import type { RunReport, ScenarioReport } from './run-report.js';
import { strategyTableRows, type TableCell } from './strategy-table.js';

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function cellText(c: TableCell): string {
  return [c.value, c.interval === '' ? '' : `[${c.interval}]`, c.note === '' ? '' : `(${c.note})`]
    .filter((x) => x !== '')
    .join(' ');
}

function assertionsTable(results: readonly AssertionResult[], withScenario: boolean): string {
  return table(
    [...(withScenario ? ['scenario'] : []), 'assertion', 'result', 'measured'],
    results.map((r) => [
      ...(withScenario ? [r.scenario] : []),
      `\`${r.text}\``,
      r.status.toUpperCase(),
      r.message,
    ]),
  );
}

function scenarioMarkdown(report: ScenarioReport): string {
  const s = report.input;
  const stats = report.cells.map((c) => c.statistics);
  const kind = s.faultType === 'none' ? 'control: a healthy release' : `fault: ${s.faultType}`;
  const out: string[] = [`## ${s.name}`, ''];
  if (s.description) out.push(s.description, '');
  out.push(`_${kind} · seed ${s.seed}${s.file ? ` · ${s.file}` : ''}_`, '');
  if (report.assertions.length > 0)
    out.push('### Assertions', '', assertionsTable(report.assertions, false), '');
  if (report.headlines.length > 0)
    out.push('### In short', '', ...report.headlines.map((h) => `- ${h.sentence}`), '');
  const rows = strategyTableRows(stats, report.control);
  out.push(
    '### Per strategy',
    '',
    table(
      ['95% intervals in brackets', ...stats.map((x) => x.strategy)],
      rows.map((r) => [r.label, ...r.cells.map(cellText)]),
    ),
    '',
    '### Detectors and ways back',
    '',
    table(
      ['strategy', 'detectors', 'way back'],
      report.cells.map((c) => [c.input.strategy, c.input.detectors.join('; '), c.input.wayBack]),
    ),
    '',
  );
  if (report.verdicts.length > 0) {
    out.push(
      '### Verdicts',
      '',
      `p-values are Holm-adjusted over the ${report.comparisons.length} comparisons of this scenario; a difference is claimed when the adjusted p is below 0.05.`,
      '',
    );
    const order = { difference: 0, 'not-enough-trials': 1, 'no-difference': 2 };
    for (const q of [...new Set(report.verdicts.map((v) => v.quantity))]) {
      out.push(`#### ${QUANTITY_TITLES[q]}`, '');
      report.verdicts
        .map((v, i) => ({ v, i }))
        .filter(({ v }) => v.quantity === q)
        .sort((x, y) => order[x.v.outcome] - order[y.v.outcome] || x.i - y.i)
        .forEach(({ v }) => {
          out.push(v.outcome === 'difference' ? `- **${v.sentence}**` : `- ${v.sentence}`);
        });
      out.push('');
    }
  }
  return out.join('\n');
}

/** The Markdown of a report. */
export function reportMarkdown(report: RunReport): string {
  const { input } = report;
  const failed = report.assertions.filter((a) => a.status === 'failed' || a.status === 'error').length;
  const out: string[] = [
    '# Rollout Lab report',
    '',
    `_${input.generator} · backend ${input.backend} · fidelity ${input.fidelity} · charts in report.html_`,
    '',
    ...(typeof input.extra.timeScaleNote === 'string'
      ? [`Time scale: ${input.extra.timeScaleNote}`, '']
      : []),
    '95% confidence intervals in brackets; n is the trials per strategy unless a cell says otherwise. Detection and rollback times are Kaplan–Meier estimates (undetected trials censored, never dropped); rates have Wilson intervals; failed requests are above the baseline error rate, with BCa bootstrap intervals.',
    '',
  ];
  if (report.assertions.length > 0) {
    out.push(
      `## Assertions: ${failed === 0 ? 'all passed' : `${failed} of ${report.assertions.length} failed`}`,
      '',
      assertionsTable(report.assertions, true),
      '',
    );
  }
  for (const s of report.scenarios) out.push(scenarioMarkdown(s));
  return `${out.join('\n').trimEnd()}\n`;
}
