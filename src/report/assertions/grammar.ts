/**
 * The assertion grammar of a scenario's `spec.assert` (CI gates), documented in
 * docs/assertions.md:
 *
 *     assertion := strategy "." quantity [ "." statistic ] op value
 *     strategy  := a strategy name of the scenario, or "*" (every strategy)
 *     op        := "<" | "<=" | ">" | ">="
 *     value     := a duration (250ms, 90s, 3m, 1m30s, 1h) for times,
 *                  a number or a percentage (0.2, 20%) for rates and shares,
 *                  a number for counts
 *
 * e.g. `canary.detection.p90 < 3m`, `canary.escapes < 0.2`, `*.falseRollbacks < 5%`.
 * Parsing is pure and reports the 0-based offset of the first mistake in the text.
 */
import { closestMatch } from '../../scenario/did-you-mean.js';
import { durationToMs } from '../../scenario/duration.js';
import { DURATION_PATTERN } from '../../scenario/schema.js';

/** What a quantity's values are: times in ms, rates and shares in [0, 1], or counts. */
export type ValueKind = 'time' | 'rate' | 'count';

/** Which scenarios a quantity means something in. */
export type Applies = 'fault' | 'control' | 'any';

export type Statistic =
  | { readonly kind: 'rate' }
  | { readonly kind: 'mean' }
  /** A quantile: p = 0.5 for `median` or `p50`, 0.9 for `p90`. */
  | { readonly kind: 'quantile'; readonly p: number };

export interface QuantityInfo {
  /** Statistics it accepts; `pNN` stands for every percentile p1…p99. */
  readonly statistics: readonly ('rate' | 'mean' | 'median' | 'pNN')[];
  /** The statistic when none is written. */
  readonly defaultStatistic: 'rate' | 'mean' | 'median';
  readonly applies: Applies;
  /** What it measures, for docs and messages. */
  readonly description: string;
}

/** Every quantity an assertion can name (the keys), and what each takes. */
export const QUANTITIES = {
  detection: {
    statistics: ['median', 'pNN', 'rate'],
    defaultStatistic: 'median',
    applies: 'fault',
    description:
      'detection time since fault onset (Kaplan–Meier, undetected trials censored); rate = share detected',
  },
  rollback: {
    statistics: ['median', 'pNN', 'rate'],
    defaultStatistic: 'median',
    applies: 'fault',
    description:
      'rollback time from detection until users are back to normal (Kaplan–Meier, censored when never recovered); rate = share of detected trials that recovered',
  },
  recovery: {
    statistics: ['median', 'pNN'],
    defaultStatistic: 'median',
    applies: 'fault',
    description: 'time to recovery = detection + rollback (Kaplan–Meier, censored when not recovered)',
  },
  controlPlane: {
    statistics: ['median', 'pNN'],
    defaultStatistic: 'median',
    applies: 'any',
    description: 'control-plane part of the rollback: abort issued → routing back on stable',
  },
  escapes: {
    statistics: ['rate'],
    defaultStatistic: 'rate',
    applies: 'fault',
    description: 'share of trials in which the faulty release reached 100% undetected',
  },
  falseRollbacks: {
    statistics: ['rate'],
    defaultStatistic: 'rate',
    applies: 'control',
    description: 'share of trials in which a healthy release was rolled back',
  },
  blastRadius: {
    statistics: ['mean', 'median', 'pNN'],
    defaultStatistic: 'mean',
    applies: 'any',
    description: 'failed requests above baseline per trial',
  },
  blastShare: {
    statistics: ['mean', 'median', 'pNN'],
    defaultStatistic: 'mean',
    applies: 'any',
    description: 'failed requests above baseline as a share of all requests after the release',
  },
  affectedSessions: {
    statistics: ['mean', 'median', 'pNN'],
    defaultStatistic: 'mean',
    applies: 'any',
    description: 'sessions that saw at least one failure, above baseline, per trial',
  },
} as const satisfies Record<string, QuantityInfo>;

export type Quantity = keyof typeof QUANTITIES;
export const QUANTITY_NAMES = Object.keys(QUANTITIES) as Quantity[];

export type Comparison = '<' | '<=' | '>' | '>=';

export interface Assertion {
  /** The text as written (trimmed). */
  readonly text: string;
  /** A strategy name, or '*' for every strategy. */
  readonly strategy: string;
  readonly quantity: Quantity;
  readonly statistic: Statistic;
  /** How the statistic reads: `median`, `p90`, `rate`, `mean`. */
  readonly statisticName: string;
  readonly op: Comparison;
  /** In ms for times, in [0, 1] for rates and shares, a count otherwise. */
  readonly value: number;
  readonly valueKind: ValueKind;
  /** The value as written (`3m`, `20%`). */
  readonly valueText: string;
}

export type ParseResult =
  | { readonly ok: true; readonly assertion: Assertion }
  | { readonly ok: false; readonly message: string; readonly offset: number };

/** The kind of value a quantity.statistic compares against. */
export function valueKindOf(quantity: Quantity, statistic: Statistic): ValueKind {
  if (statistic.kind === 'rate') return 'rate';
  if (quantity === 'blastShare') return 'rate';
  if (quantity === 'blastRadius' || quantity === 'affectedSessions') return 'count';
  return 'time';
}

const NAME = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)/;
const OPERATOR = /^(<=|>=|<|>)/;

function fail(message: string, offset: number): ParseResult {
  return { ok: false, message, offset };
}

function hint(word: string, candidates: readonly string[]): string {
  const close = closestMatch(word, candidates);
  return close ? `; did you mean ${close}?` : `; expected one of ${candidates.join(', ')}`;
}

/** Parses a statistic name for a quantity; a message when it does not fit. */
function parseStatistic(
  word: string,
  quantity: Quantity,
): { statistic: Statistic; name: string } | { message: string } {
  const allowed: readonly string[] = QUANTITIES[quantity].statistics;
  const percentile = /^p(\d{1,2})$/.exec(word);
  if (percentile && allowed.includes('pNN')) {
    const p = Number(percentile[1]);
    if (p < 1 || p > 99) return { message: `percentile ${word} must be between p1 and p99` };
    return { statistic: { kind: 'quantile', p: p / 100 }, name: word };
  }
  if (word === 'median' && allowed.includes('median'))
    return { statistic: { kind: 'quantile', p: 0.5 }, name: word };
  if (word === 'rate' && allowed.includes('rate')) return { statistic: { kind: 'rate' }, name: word };
  if (word === 'mean' && allowed.includes('mean')) return { statistic: { kind: 'mean' }, name: word };
  const shown = allowed.map((s) => (s === 'pNN' ? 'p1…p99 (e.g. p90)' : s));
  const close = closestMatch(
    word,
    allowed.map((s) => (s === 'pNN' ? 'p90' : s)),
  );
  return {
    message: `${quantity} has no statistic ${JSON.stringify(word)}${close ? `; did you mean ${close}?` : ''}; it takes ${shown.join(', ')}`,
  };
}

/** Parses a value of the given kind; a message when it does not fit. */
function parseValue(text: string, kind: ValueKind): { value: number } | { message: string } {
  if (kind === 'time') {
    if (DURATION_PATTERN.test(text)) return { value: durationToMs(text) };
    if (/^\d+(\.\d+)?$/.test(text))
      return { message: `a time needs a unit: write ${text}s or ${text}m (ms, s, m and h are known)` };
    return { message: `expected a duration such as 90s, 3m or 1m30s, got ${JSON.stringify(text)}` };
  }
  const percent = /^(\d+(\.\d+)?)%$/.exec(text);
  const plain = /^\d+(\.\d+)?$/.test(text);
  if (kind === 'rate') {
    if (!percent && !plain)
      return { message: `expected a rate such as 0.05 or 5%, got ${JSON.stringify(text)}` };
    const value = percent ? Number(percent[1]) / 100 : Number(text);
    if (value > 1) return { message: `a rate is between 0 and 1 (or 0% and 100%), got ${text}` };
    return { value };
  }
  if (!plain) return { message: `expected a number such as 1000, got ${JSON.stringify(text)}` };
  return { value: Number(text) };
}

/**
 * Parses one assertion. Whitespace around the operator is optional; nothing may follow
 * the value. On a mistake, says what would be valid and where (offset into `source`).
 * Strategy names are not checked here (see `assertionStrategyProblem`).
 */
export function parseAssertion(source: string): ParseResult {
  const lead = source.length - source.trimStart().length;
  const text = source.trim();
  let at = 0;
  const rest = () => text.slice(at);
  const skipSpace = () => {
    at += rest().length - rest().trimStart().length;
  };
  const name = NAME.exec(rest());
  if (!name)
    return fail(
      'an assertion starts with a strategy name (or * for every strategy), e.g. canary.detection.p90 < 3m',
      lead,
    );
  const strategy = name[0];
  at += strategy.length;
  if (rest()[0] !== '.')
    return fail(`expected "." and a quantity after ${JSON.stringify(strategy)}`, lead + at);
  at++;
  const quantityMatch = /^[A-Za-z][A-Za-z0-9]*/.exec(rest());
  const quantityStart = at;
  if (!quantityMatch) return fail(`expected a quantity: ${QUANTITY_NAMES.join(', ')}`, lead + at);
  const quantityWord = quantityMatch[0];
  if (!(quantityWord in QUANTITIES))
    return fail(
      `unknown quantity ${JSON.stringify(quantityWord)}${hint(quantityWord, QUANTITY_NAMES)}`,
      lead + quantityStart,
    );
  const quantity = quantityWord as Quantity;
  at += quantityWord.length;
  const info = QUANTITIES[quantity];
  let parsed = parseStatistic(info.defaultStatistic, quantity) as { statistic: Statistic; name: string };
  if (rest()[0] === '.') {
    at++;
    const statisticStart = at;
    const word = /^[A-Za-z0-9]+/.exec(rest());
    if (!word) return fail(`expected a statistic after "${quantity}."`, lead + at);
    const statistic = parseStatistic(word[0], quantity);
    if ('message' in statistic) return fail(statistic.message, lead + statisticStart);
    parsed = statistic;
    at += word[0].length;
  }
  skipSpace();
  const operator = OPERATOR.exec(rest());
  if (!operator) {
    const next = rest();
    const what = next === '' ? 'the end' : JSON.stringify(next.slice(0, 12));
    return fail(`expected a comparison <, <=, > or >= after ${strategy}.${quantity}, got ${what}`, lead + at);
  }
  const op = operator[0] as Comparison;
  at += op.length;
  skipSpace();
  const valueStart = at;
  const valueText = rest();
  if (valueText === '') return fail(`expected a value after ${op}`, lead + at);
  const space = valueText.search(/\s/);
  if (space >= 0) {
    const after = valueText.slice(space);
    const extra = space + after.length - after.trimStart().length;
    return fail(
      `unexpected ${JSON.stringify(valueText.slice(extra))} after the value; one comparison per assertion`,
      lead + valueStart + extra,
    );
  }
  const valueKind = valueKindOf(quantity, parsed.statistic);
  const value = parseValue(valueText, valueKind);
  if ('message' in value) return fail(value.message, lead + valueStart);
  return {
    ok: true,
    assertion: {
      text,
      strategy,
      quantity,
      statistic: parsed.statistic,
      statisticName: parsed.name,
      op,
      value: value.value,
      valueKind,
      valueText,
    },
  };
}

/**
 * A message when an assertion does not fit the scenario: an unknown strategy, or a
 * quantity that means nothing for its fault (escapes in a control scenario, false
 * rollbacks in a fault scenario). `strategies` are the scenario's strategy names.
 */
export function assertionScenarioProblem(
  assertion: Assertion,
  strategies: readonly string[],
  faultType: string | undefined,
): string | undefined {
  if (assertion.strategy !== '*' && !strategies.includes(assertion.strategy)) {
    const close = closestMatch(assertion.strategy, strategies);
    return `no strategy ${JSON.stringify(assertion.strategy)} in this scenario${close ? `; did you mean ${close}?` : ''}; the strategies are ${strategies.join(', ')} (or * for all)`;
  }
  if (faultType === undefined) return undefined;
  const applies = QUANTITIES[assertion.quantity].applies;
  if (applies === 'fault' && faultType === 'none')
    return `${assertion.quantity} needs a faulty release; this is a control scenario (fault type none): assert falseRollbacks here`;
  if (applies === 'control' && faultType !== 'none')
    return `falseRollbacks are counted in control scenarios (fault type none); this release has a ${faultType} fault: assert detection, escapes or rollback here, and falseRollbacks in the control scenario`;
  return undefined;
}
