import { describe, expect, it } from 'vitest';
import {
  emptyTallies,
  type JournalData,
  type JournalEvent,
  type JournalHeader,
  type Tallies,
} from '../journal/journal.js';
import { measureTrial } from './trial-measures.js';

const SECONDS = 600;

function header(overrides: Partial<JournalHeader> = {}): JournalHeader {
  return {
    scenario: 's',
    strategy: 'canary',
    strategyKind: 'canary',
    trial: 3,
    seed: 99,
    backend: 'sim',
    fidelity: 'request',
    timeScale: 1,
    baselineErrorRate: 0.001,
    faultType: 'errorSpike',
    releaseAt: 60_000,
    detectors: ['analysis'],
    wayBack: 'abort',
    ...overrides,
  };
}

/** 100 requests/s on stable (v1-shape), no failures, unless `fill` changes them. */
function quietTallies(fill?: (t: Tallies, s: number) => void): Tallies {
  const t = emptyTallies(SECONDS);
  for (let s = 0; s < SECONDS; s++) {
    t.cells['stable.v1Shape'].requests[s] = 100;
    fill?.(t, s);
  }
  return t;
}

function journal(
  events: JournalEvent[],
  options: { header?: Partial<JournalHeader>; tallies?: Tallies } = {},
): JournalData {
  return { header: header(options.header), events, tallies: options.tallies ?? quietTallies() };
}

const END: JournalEvent = { t: 500_000, type: 'end', reason: 'settled (Degraded) and observed' };

describe('measureTrial', () => {
  it('measures detection from the fault onset', () => {
    const m = measureTrial(
      journal([
        { t: 60_000, type: 'releaseStarted' },
        { t: 62_000, type: 'faultOnset', detail: 'v2 (errorSpike) first served a request' },
        { t: 122_500, type: 'detected', by: 'analysis', source: 'error-rate' },
        { t: 122_500, type: 'abort', reason: 'metric error-rate failed' },
        END,
      ]),
    );
    expect(m).toMatchObject({
      trial: 3,
      seed: 99,
      faultType: 'errorSpike',
      onsetMs: 62_000,
      detected: true,
      detectionMs: 60_500,
      observedMs: null,
      detector: 'analysis',
      detectorSource: 'error-rate',
      aborted: true,
      falseRollback: false,
      escaped: false,
      endMs: 500_000,
      endReason: 'settled (Degraded) and observed',
    });
  });

  it('censors an undetected trial at the end of observation instead of dropping it', () => {
    const m = measureTrial(journal([{ t: 70_000, type: 'faultOnset', detail: 'x' }, END]));
    expect(m).toMatchObject({ detected: false, detectionMs: null, observedMs: 430_000, detector: null });
    expect(m.rollbackMs).toBeNull();
    expect(m.timeToRecoveryMs).toBeNull();
    // No onset (v2 never served): observed from the release start.
    const none = measureTrial(journal([END]));
    expect(none).toMatchObject({ onsetMs: null, detected: false, observedMs: 440_000 });
    // Without an end event, observation runs to the end of the tallies.
    expect(measureTrial(journal([{ t: 70_000, type: 'faultOnset', detail: 'x' }])).observedMs).toBe(
      SECONDS * 1000 - 70_000,
    );
  });

  it('calls a faulty release that reached 100% before any detection an escape', () => {
    const onset: JournalEvent = { t: 70_000, type: 'faultOnset', detail: 'x' };
    const promoted: JournalEvent = { t: 300_000, type: 'fullyPromoted' };
    const escaped = (events: JournalEvent[], faultType = 'errorSpike') =>
      measureTrial(journal(events, { header: { faultType } })).escaped;
    expect(escaped([onset, promoted, END])).toBe(true);
    expect(escaped([onset, promoted, { t: 400_000, type: 'detected', by: 'alert', source: 'A' }, END])).toBe(
      true,
    );
    expect(escaped([onset, { t: 200_000, type: 'detected', by: 'alert', source: 'A' }, promoted, END])).toBe(
      false,
    );
    expect(escaped([onset, END])).toBe(false);
    // A healthy release cannot escape.
    expect(escaped([onset, promoted, END], 'none')).toBe(false);
    expect(measureTrial(journal([onset, promoted, END])).promoted).toBe(true);
  });

  it('calls any rollback of a healthy release a false rollback', () => {
    const healthy = { header: { faultType: 'none' } };
    const onset: JournalEvent = {
      t: 70_000,
      type: 'faultOnset',
      detail: 'healthy release first served by v2',
    };
    expect(
      measureTrial(journal([onset, { t: 300_000, type: 'fullyPromoted' }, END], healthy)).falseRollback,
    ).toBe(false);
    expect(
      measureTrial(
        journal(
          [
            onset,
            { t: 200_000, type: 'detected', by: 'analysis', source: 'm' },
            { t: 200_000, type: 'abort', reason: 'r' },
            END,
          ],
          healthy,
        ),
      ).falseRollback,
    ).toBe(true);
    expect(
      measureTrial(journal([onset, { t: 200_000, type: 'abort', reason: 'by hand' }, END], healthy))
        .falseRollback,
    ).toBe(true);
    // Rolling back a faulty release is not false.
    expect(
      measureTrial(journal([onset, { t: 200_000, type: 'detected', by: 'analysis', source: 'm' }, END]))
        .falseRollback,
    ).toBe(false);
  });

  describe('control-plane rollback', () => {
    const detected: JournalEvent = { t: 200_000, type: 'detected', by: 'analysis', source: 'm' };
    const abort: JournalEvent = { t: 200_000, type: 'abort', reason: 'm failed' };
    const routing = (t: number, canaryPercent: number, mirrorPercent = 0): JournalEvent => ({
      t,
      type: 'routing',
      canaryPercent,
      mirrorPercent,
      detail: '',
    });
    const controlPlane = (events: JournalEvent[], strategyKind = 'canary') =>
      measureTrial(journal(events, { header: { strategyKind } })).controlPlaneRollbackMs;

    it('runs from the abort to the routing back on stable', () => {
      expect(
        controlPlane([routing(0, 0), routing(150_000, 20), detected, abort, routing(205_000, 0), END]),
      ).toBe(5000);
      // A routing change that still sends traffic to v2 is not the way back.
      expect(
        controlPlane([routing(150_000, 20), detected, abort, routing(201_000, 10), routing(230_000, 0), END]),
      ).toBe(30_000);
      // Never back: null.
      expect(controlPlane([routing(150_000, 20), detected, abort, END])).toBeNull();
      // No abort: null.
      expect(controlPlane([routing(150_000, 20), detected, END])).toBeNull();
    });

    it('waits for mirroring to stop (a shadow)', () => {
      expect(
        controlPlane([routing(100_000, 0, 50), detected, abort, routing(201_000, 0, 0), END], 'shadow'),
      ).toBe(1000);
    });

    it('is 0 when user traffic was already on stable at the abort', () => {
      expect(controlPlane([routing(0, 0), routing(100_000, 0), detected, abort, END], 'blueGreen')).toBe(0);
    });

    it('follows the flag for a feature flag', () => {
      const flag = (t: number, percent: number): JournalEvent => ({ t, type: 'flag', percent });
      expect(controlPlane([flag(100_000, 10), detected, abort, flag(200_000, 0), END], 'featureFlag')).toBe(
        0,
      );
      expect(controlPlane([flag(100_000, 10), detected, abort, flag(215_000, 0), END], 'featureFlag')).toBe(
        15_000,
      );
      // Routing events are not the flag's way back.
      expect(
        controlPlane([flag(100_000, 10), detected, abort, routing(201_000, 0), END], 'featureFlag'),
      ).toBeNull();
      // Detected before the flag was ever turned on.
      expect(controlPlane([detected, abort, END], 'featureFlag')).toBe(0);
    });

    it('takes the controller’s routingRestored event when the journal has one', () => {
      // A recreate: the v2 pods stop serving at the abort (the service's split reads 0% canary)
      // but users get 503s until a v1 pod is ready; the controller says when that was.
      expect(
        controlPlane(
          [
            routing(0, 100),
            detected,
            abort,
            routing(200_000, 0),
            { t: 240_000, type: 'routingRestored' },
            END,
          ],
          'recreate',
        ),
      ).toBe(40_000);
      // A routingRestored of an earlier rollback does not count.
      expect(
        controlPlane([
          { t: 100_000, type: 'routingRestored' },
          routing(150_000, 20),
          detected,
          abort,
          routing(210_000, 0),
          END,
        ]),
      ).toBe(10_000);
    });
  });

  it('measures rollback and time to recovery with the recovery window rules', () => {
    // Canary at 10% until 250 s, then all on stable; 20 failures/s until 260 s.
    const tallies = quietTallies((t, s) => {
      if (s < 250) {
        t.cells['stable.v1Shape'].requests[s] = 90;
        t.cells['canary.v1Shape'].requests[s] = 10;
      }
      if (s >= 70 && s < 260) t.cells['canary.v1Shape'].failed[s] = s < 250 ? 10 : 0;
      if (s >= 250 && s < 260) t.cells['stable.v1Shape'].failed[s] = 20;
    });
    const events: JournalEvent[] = [
      { t: 70_000, type: 'faultOnset', detail: 'x' },
      { t: 200_300, type: 'detected', by: 'analysis', source: 'm' },
      { t: 200_300, type: 'abort', reason: 'm' },
      END,
    ];
    const m = measureTrial(journal(events, { tallies }));
    expect(m).toMatchObject({
      detectionMs: 130_300,
      recovered: true,
      rollbackMs: 260_000 - 200_300,
      timeToRecoveryMs: 130_300 + 59_700,
    });
    // Observation that ends before a whole good window: not recovered.
    const short = measureTrial(
      journal([...events.slice(0, 3), { t: 289_000, type: 'end', reason: 'x' }], { tallies }),
    );
    expect(short).toMatchObject({ recovered: false, rollbackMs: null, timeToRecoveryMs: null });
  });

  it('counts the blast radius from the release start, above the baseline', () => {
    // Before the release (60 s): failures that must not count. After it, 100/s for 440 s
    // to the end at 500 s = 44 000 requests; 500 failed; baseline 0.001·44 000 = 44.
    const tallies = quietTallies((t, s) => {
      if (s < 60) t.cells['stable.v1Shape'].failed[s] = 50;
      else if (s < 110) {
        t.cells['stable.v1Shape'].requests[s] = 80;
        t.cells['canary.v2Shape'].requests[s] = 20;
        t.cells['canary.v2Shape'].failed[s] = 10;
      }
      if (s >= 500) t.cells['stable.v1Shape'].failed[s] = 1000; // after the end
      if (s >= 60 && s < 500) {
        t.sessions.newlyAffected[s] = s < 110 ? 2 : 0;
        t.sessions.expectedBaseline[s] = 0.05;
      }
      if (s < 60) t.sessions.newlyAffected[s] = 7;
    });
    const m = measureTrial(journal([{ t: 60_500, type: 'faultOnset', detail: 'x' }, END], { tallies }));
    expect(m.requestsAfterRelease).toBe(44_000);
    expect(m.failedAfterRelease).toBe(500);
    expect(m.failedAboveBaseline).toBe(456);
    expect(m.blastShare).toBeCloseTo(456 / 44_000, 12);
    // Sessions: 100 newly affected after the release, 0.05·440 = 22 expected at baseline.
    expect(m.affectedSessions).toBe(100);
    expect(m.affectedSessionsAboveBaseline).toBe(78);
  });

  it('never reports negative harm when failures stay under the baseline', () => {
    const tallies = quietTallies((t, s) => {
      t.sessions.expectedBaseline[s] = 0.1;
    });
    const m = measureTrial(journal([END], { tallies, header: { faultType: 'none' } }));
    expect(m.failedAboveBaseline).toBe(0);
    expect(m.blastShare).toBe(0);
    expect(m.affectedSessionsAboveBaseline).toBe(0);
  });
});
