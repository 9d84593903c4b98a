/**
 * The report's stylesheet, inlined into report.html: system fonts only (nothing is
 * fetched), readable on a laptop, and printable (each scenario starts a page, charts and
 * tables are not split, links print without decoration).
 */
export const REPORT_CSS = `
:root { --fg: #1d1d1f; --muted: #5f6368; --line: #e3e3e6; --pass: #1e7b34; --fail: #b3261e; --skip: #8a6d00; --bg-soft: #f6f7f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main, header, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.35rem; margin: 40px 0 4px; padding-top: 16px; border-top: 2px solid var(--fg); }
h3 { font-size: 1.08rem; margin: 24px 0 8px; }
h4 { font-size: .95rem; margin: 18px 0 4px; }
p { margin: 6px 0; }
.meta, .muted, figcaption, .help { color: var(--muted); }
.meta { font-size: .9rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); padding: 0 3px; border-radius: 3px; }
nav ul { columns: 2; padding-left: 18px; margin: 8px 0; }
.notes { background: var(--bg-soft); border-radius: 6px; padding: 10px 16px; font-size: .9rem; margin: 16px 0; }
.notes ul { margin: 4px 0; padding-left: 18px; }
table { border-collapse: collapse; width: 100%; font-size: .86rem; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--fg); white-space: nowrap; }
tbody th { font-weight: 600; min-width: 180px; }
td.num { font-variant-numeric: tabular-nums; }
.ci { display: block; color: var(--muted); font-size: .8rem; white-space: nowrap; }
.note { display: block; color: var(--muted); font-size: .78rem; }
.help { display: block; font-weight: normal; font-size: .76rem; }
.status { font-weight: 700; white-space: nowrap; }
.status.passed { color: var(--pass); }
.status.failed, .status.error { color: var(--fail); }
.status.skipped { color: var(--skip); }
ul.verdicts { padding-left: 18px; margin: 4px 0 8px; }
ul.verdicts li { margin: 3px 0; }
li.difference { font-weight: 600; }
li.not-enough-trials, li.no-difference { color: #3c4043; font-size: .88rem; }
ul.headlines { padding-left: 18px; }
ul.headlines li { margin: 4px 0; }
figure { margin: 16px 0 28px; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .86rem; max-width: 820px; margin-top: 4px; }
.scroll { overflow-x: auto; }
footer { margin-top: 48px; padding-bottom: 32px; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--line); }
@media print {
  body { font-size: 11pt; }
  main, header, footer { max-width: none; padding: 0; }
  section.scenario { break-before: page; page-break-before: always; }
  h2 { border-top: none; margin-top: 0; }
  nav { display: none; }
  table, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
}
`;
