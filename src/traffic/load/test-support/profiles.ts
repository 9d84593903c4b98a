/** Traffic profiles from fixtures/traffic/, loaded as the scenario loader loads them. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RateProfile } from '../../../scenario/model.js';
import { loadTrafficProfile as load } from '../../../scenario/traffic-profile.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures');

export function loadTrafficProfile(name: string): RateProfile {
  const file = join(FIXTURES, 'traffic', name);
  const result = load(file, file);
  if (!result.ok) throw new Error(`bad profile ${file}: ${JSON.stringify(result.errors)}`);
  return result.profile;
}
