/**
 * Runs the CLI from source, as bin/rollout-lab.js runs the build:
 * `tsx src/cli/entry.ts validate scenarios/*.yaml`.
 */
import { main } from './main.js';

process.exitCode = await main(process.argv);
