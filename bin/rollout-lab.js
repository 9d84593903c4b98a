#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (run `npm run build` or `make build` first).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
