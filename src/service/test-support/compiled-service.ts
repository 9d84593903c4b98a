/**
 * The service's entry transpiled to plain JavaScript for tests, once per test process:
 * src/service/main.ts and every module it reaches through relative imports, through
 * TypeScript's transpileModule, into a temp directory that links the package's
 * node_modules. A replica then starts as `node main.js`, several times faster than
 * through tsx's loader, which keeps the suite fast and its warm-up timings far from the
 * boot time. removeCompiledService() deletes it (useServiceFixture calls it after each
 * test file).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*'(\.{1,2}\/[^']+)\.js'/g;

let compiled: string | undefined;
let buildDir: string | undefined;

/** Path of the transpiled main.js (built on first call). */
export function compiledServiceMain(packageRoot: string, mainTs: string): string {
  if (compiled) return compiled;
  const out = mkdtempSync(join(tmpdir(), 'rollout-lab-service-build-'));
  buildDir = out;
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(packageRoot, 'node_modules'), join(out, 'node_modules'), 'dir');
  const pending = [resolve(mainTs)];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) pending.push(resolve(dirname(file), `${match[1]}.ts`));
    const js = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    const target = join(out, relative(packageRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  compiled = join(out, relative(packageRoot, mainTs)).replace(/\.ts$/, '.js');
  return compiled;
}

/** Delete the transpiled service (the next compiledServiceMain() builds it again). */
export function removeCompiledService(): void {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  buildDir = undefined;
  compiled = undefined;
}
