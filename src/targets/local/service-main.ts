/**
 * Where the synthetic service's entry script is, for spawning replicas: the
 * `ROLLOUT_LAB_SERVICE_MAIN` environment variable when set (tests point it at a
 * transpiled copy), else `service/main.js` beside the compiled lab (dist/), else the
 * package's dist/service/main.js when running from source. Replicas run as plain
 * `node main.js`: starting one through a TypeScript loader would take longer than most
 * scenarios' startup time.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function serviceMainPath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.ROLLOUT_LAB_SERVICE_MAIN;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`ROLLOUT_LAB_SERVICE_MAIN=${explicit}: no such file`);
    return explicit;
  }
  const beside = fileURLToPath(new URL('../../service/main.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../../dist/service/main.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error('the synthetic service is not built: run `npm run build` (or `make build`) first');
}
