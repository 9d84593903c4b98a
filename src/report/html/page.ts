/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no fonts or
 * images fetched), readable top to bottom: what was run and how to read it, the
 * assertions, then one section per scenario.
 */
import type { RunReport } from '../run-report.js';
import { anchorId, escapeHtml as e } from './escape.js';
import { assertionsTable, scenarioSection } from './scenario-section.js';
import { REPORT_CSS } from './style.js';

const HOW_TO_READ = [
  'Every interval is a two-sided 95% confidence interval; every number carries its n (the trials per strategy, unless a cell says otherwise).',
  'Detection and rollback times are Kaplan–Meier estimates: a trial in which nothing detected the fault (or users never got back to normal) is censored at the end of its observation, never dropped and never counted as a time. When fewer than half detected, the median is “not reached” and the table gives the share detected by the end and the restricted mean instead.',
  'Rates (detected, escapes, false rollbacks) have Wilson intervals; with no events, the one-sided 95% upper bound is shown too.',
  'Failed requests and affected sessions count what the release added above the baseline error rate; their intervals are BCa bootstrap intervals from a generator seeded by the run, so the report is the same byte for byte.',
  'Verdicts compare every pair of strategies with a test fit for the data (log-rank, Mann-Whitney, Fisher) and Holm-adjusted p-values; when the data cannot tell two strategies apart, the verdict says about how many trials would.',
];

/** The HTML page of a report. */
export function reportHtml(report: RunReport): string {
  const { input } = report;
  const scenarios = report.scenarios;
  const toc = scenarios
    .map((s) => `<li><a href="#${anchorId('scenario', s.input.name)}">${e(s.input.name)}</a></li>`)
    .join('\n');
  const failed = report.assertions.filter((a) => a.status === 'failed' || a.status === 'error').length;
  const summary =
    report.assertions.length === 0
      ? ''
      : `<h2 id="assertions">Assertions: ${failed === 0 ? 'all passed' : `${failed} of ${report.assertions.length} failed`}</h2>\n${assertionsTable(report.assertions, true)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(input.generator)}">
<title>Rollout Lab report: ${e(scenarios.map((s) => s.input.name).join(', '))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Rollout Lab report</h1>
<p class="meta">${e(input.generator)} · backend ${e(input.backend)} · fidelity ${e(input.fidelity)} · ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}${input.hasManifest ? '' : ' · results.json was missing: no descriptions or assertions'}</p>
${typeof input.extra.timeScaleNote === 'string' ? `<p class="meta">Time scale: ${e(input.extra.timeScaleNote)}</p>` : ''}
<nav><ul>
${toc}
</ul></nav>
<div class="notes"><strong>How to read this report</strong><ul>
${HOW_TO_READ.map((t) => `<li>${e(t)}</li>`).join('\n')}
</ul></div>
${summary}
</header>
<main>
${scenarios.map(scenarioSection).join('\n')}
</main>
<footer>
<p>Built from the journals alone; rebuild with <code>rollout-lab report DIR</code>. The same run gives the same report, byte for byte.</p>
</footer>
</body>
</html>
`;
}
