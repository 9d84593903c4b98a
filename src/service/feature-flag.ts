/**
 * The feature flag of a v1 replica: v2's code path already deployed, dark, turned on for
 * a percentage of users (the feature-flag strategy; the simulator's `flagPercent`,
 * src/targets/sim/per-request.ts). The lab sets the percentage on every replica with
 * `POST /admin/flag?percent=P` (0 is the kill switch).
 *
 * Who is flagged: a user is a client address (`x-forwarded-for`, which the lab's load
 * generators send: fixed for a session user, new for each anonymous request), hashed to a
 * bucket in [0, 100); the flag is on when bucket < percent, so raising the percentage
 * keeps the users already flagged, as a real flag service does. A request without the
 * header draws its bucket at random.
 *
 * A flagged request runs with v2's behaviour (the release's fault, v2's query dialect and
 * response shape) and is counted and answered as v2's: metrics `version="canary"`, and
 * `x-served-version: v2`, `x-served-role: canary`, as the simulator tallies it. The first
 * time the flag goes above 0, v2's database migration runs (as when v2 is first deployed).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Rng } from '../stats/rng.js';
import type { BusinessContext } from './business.js';
import type { ServiceConfig } from './config.js';
import type { Connection } from './db.js';
import { queryDialect, RequestDraws, serviceFaults } from './faults.js';
import { json, type Reply } from './http-io.js';
import { migrate } from './migrations.js';

export const FLAG_PATH = '/admin/flag';

/**
 * The user's flag bucket in [0, 100) from a client address: FNV-1a (32 bit), then
 * MurmurHash3's finaliser, without which FNV's high bits are uneven over similar keys
 * such as consecutive addresses.
 */
export function flagBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 2 ** 32) * 100;
}

export class FeatureFlag {
  /** Percent of users (0–100) for whom v2's code path is on. */
  percent = 0;
  /** The business context of the flagged (v2) path; null on a v2 replica (no flag). */
  private readonly flagged: BusinessContext | null;

  constructor(
    config: ServiceConfig,
    private readonly db: Connection,
    base: BusinessContext,
    private readonly rng: Rng,
  ) {
    if (config.release !== 'v1') {
      this.flagged = null;
      return;
    }
    const faults = serviceFaults(config.fault, 'v2');
    this.flagged = {
      ...base,
      faults,
      dialect: queryDialect(faults),
      draws: new RequestDraws(rng, config.latency, config.errorRate, faults),
    };
  }

  /** The context to serve this request with: v2's when the flag is on for its user, else null. */
  contextFor(headers: IncomingHttpHeaders): BusinessContext | null {
    if (this.flagged === null || this.percent <= 0) return null;
    const address = headers['x-forwarded-for'];
    const key = Array.isArray(address) ? address[0] : address;
    const bucket = key ? flagBucket(key.split(',')[0].trim()) : this.rng.next() * 100;
    return bucket < this.percent ? this.flagged : null;
  }

  /** `POST /admin/flag?percent=P`: set the percentage; the reply says what is in force. */
  handleAdmin(method: string, url: string): Reply {
    if (method !== 'POST') return json(405, { error: `use POST ${FLAG_PATH}?percent=P` });
    const text = new URL(url, 'http://127.0.0.1').searchParams.get('percent') ?? '';
    const percent = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!(percent >= 0 && percent <= 100)) {
      return json(400, { error: `percent must be a number from 0 to 100, got ${JSON.stringify(text)}` });
    }
    if (this.flagged === null) return json(409, { error: 'v2 replicas run v2 already: no flag' });
    let migrated: readonly string[] = [];
    if (percent > 0 && this.flagged.faults.skuChange !== null) {
      migrated = migrate(this.db, { skuChange: this.flagged.faults.skuChange }).applied;
    }
    this.percent = percent;
    return json(200, { percent, migrated });
  }
}
