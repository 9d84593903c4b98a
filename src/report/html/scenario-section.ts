/**
 * One scenario's section of report.html: what it is, its assertions, the headlines, the
 * per-strategy table, the detectors and ways back, the verdicts grouped by quantity, and
 * the charts (inline SVG).
 */
import type { AssertionResult } from '../assertions/evaluate.js';
import type { ComparedQuantity } from '../comparisons/comparison.js';
import type { ScenarioReport } from '../run-report.js';
import { strategyTableRows, type TableCell } from '../strategy-table.js';
import { anchorId, escapeHtml as e } from './escape.js';

export const QUANTITY_TITLES: Record<ComparedQuantity, string> = {
  detection: 'Detection time (log-rank; shift = difference of Kaplan–Meier medians, bootstrap interval)',
  rollback: 'Rollback time (Mann-Whitney with Hodges–Lehmann shift; log-rank when some never recovered)',
  blastRadius: 'Failed requests above baseline (Mann-Whitney with Hodges–Lehmann shift)',
  escapes: "Escapes (Fisher's exact test, Newcombe interval)",
  falseRollbacks: "False rollbacks (Fisher's exact test, Newcombe interval)",
};

function cellHtml(cell: TableCell): string {
  const interval = cell.interval === '' ? '' : `<span class="ci">[${e(cell.interval)}]</span>`;
  const note = cell.note === '' ? '' : `<span class="note">${e(cell.note)}</span>`;
  return `<td class="num">${e(cell.value)}${interval}${note}</td>`;
}

function strategyTable(report: ScenarioReport): string {
  const stats = report.cells.map((c) => c.statistics);
  const rows = strategyTableRows(stats, report.control);
  const head = stats.map((s) => `<th scope="col">${e(s.strategy)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${e(r.label)}<span class="help">${e(r.help)}</span></th>${r.cells.map(cellHtml).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table class="strategies">
<thead><tr><th scope="col">95% intervals in brackets</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function detectorsTable(report: ScenarioReport): string {
  const rows = report.cells
    .map(
      (c) =>
        `<tr><th scope="row">${e(c.input.strategy)} <span class="help">${e(c.input.strategyKind)}</span></th><td>${c.input.detectors.map(e).join('<br>')}</td><td>${e(c.input.wayBack)}</td></tr>`,
    )
    .join('\n');
  return `<table class="detectors">
<thead><tr><th scope="col">strategy</th><th scope="col">detectors</th><th scope="col">way back</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

/** The assertions' table (used per scenario and in the run summary). */
export function assertionsTable(results: readonly AssertionResult[], withScenario: boolean): string {
  const rows = results
    .map(
      (r) =>
        `<tr>${withScenario ? `<td>${e(r.scenario)}</td>` : ''}<td><code>${e(r.text)}</code></td><td class="status ${r.status}">${r.status}</td><td>${e(r.message)}</td></tr>`,
    )
    .join('\n');
  return `<table class="assertions">
<thead><tr>${withScenario ? '<th scope="col">scenario</th>' : ''}<th scope="col">assertion</th><th scope="col">result</th><th scope="col">measured</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function verdictsHtml(report: ScenarioReport): string {
  const quantities = [...new Set(report.verdicts.map((v) => v.quantity))];
  const order = { difference: 0, 'not-enough-trials': 1, 'no-difference': 2 };
  return quantities
    .map((q) => {
      const items = report.verdicts
        .map((v, i) => ({ v, i }))
        .filter(({ v }) => v.quantity === q)
        .sort((x, y) => order[x.v.outcome] - order[y.v.outcome] || x.i - y.i)
        .map(({ v }) => `<li class="${v.outcome}">${e(v.sentence)}</li>`)
        .join('\n');
      return `<h4>${e(QUANTITY_TITLES[q])}</h4>\n<ul class="verdicts">\n${items}\n</ul>`;
    })
    .join('\n');
}

/** The section of one scenario. */
export function scenarioSection(report: ScenarioReport): string {
  const s = report.input;
  const n = report.cells.map((c) => c.input.trials.length);
  const trials = n.every((x) => x === n[0]) ? `${n[0]} trials per strategy` : `${n.join(', ')} trials`;
  const kind = s.faultType === 'none' ? 'control: a healthy release' : `fault: ${s.faultType}`;
  const parts = [
    `<section class="scenario" id="${anchorId('scenario', s.name)}">`,
    `<h2>${e(s.name)}</h2>`,
    s.description ? `<p>${e(s.description)}</p>` : '',
    `<p class="meta">${e(kind)} · ${e(trials)} · seed ${s.seed}${s.file ? ` · ${e(s.file)}` : ''}</p>`,
  ];
  if (report.assertions.length > 0)
    parts.push('<h3>Assertions</h3>', assertionsTable(report.assertions, false));
  if (report.headlines.length > 0) {
    parts.push(
      '<h3>In short</h3>',
      `<ul class="headlines">\n${report.headlines.map((h) => `<li>${e(h.sentence)}</li>`).join('\n')}\n</ul>`,
    );
  }
  parts.push('<h3>Per strategy</h3>', strategyTable(report));
  parts.push('<h3>Detectors and ways back</h3>', detectorsTable(report));
  if (report.verdicts.length > 0) {
    parts.push(
      '<h3>Verdicts</h3>',
      `<p class="muted">Every pair of strategies; p-values are Holm-adjusted over the ${report.comparisons.length} comparisons of this scenario. A difference is claimed when the adjusted p is below 0.05.</p>`,
      verdictsHtml(report),
    );
  }
  parts.push('<h3>Charts</h3>');
  for (const chart of report.charts) {
    parts.push(
      `<figure id="${anchorId('chart', chart.id)}" class="chart" data-chart="${e(chart.kind)}">`,
      chart.svg,
      `<figcaption><strong>${e(chart.title)}.</strong> ${e(chart.caption)}</figcaption>`,
      '</figure>',
    );
  }
  parts.push('</section>');
  return parts.filter((p) => p !== '').join('\n');
}
