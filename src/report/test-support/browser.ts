/**
 * Opens a report in headless Chromium (Debian's `chromium` through playwright-core; never
 * a downloaded browser) with every request other than the report file itself refused
 * and recorded, so a test can prove the page needs nothing from the network.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser is installed (`apt-get install chromium`; .ci/run does it). */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM);
}

export interface OpenedReport {
  readonly page: Page;
  /** Every request the page made other than the file itself (each was refused). */
  readonly foreignRequests: string[];
  close(): Promise<void>;
}

/** Opens `file` (an absolute path) in a fresh browser profile; close() removes the profile. */
export async function openReport(
  file: string,
  viewport = { width: 1280, height: 900 },
): Promise<OpenedReport> {
  const profile = mkdtempSync(join(tmpdir(), 'rollout-lab-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport,
    });
    const own = pathToFileURL(file).href;
    const foreignRequests: string[] = [];
    const note = (url: string) => {
      if (url !== own && !foreignRequests.includes(url)) foreignRequests.push(url);
    };
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === own) return route.continue();
      note(url);
      return route.abort();
    });
    // Routes do not see every scheme (file:, data:); the request event does.
    context.on('request', (request) => note(request.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(own, { waitUntil: 'load' });
    const opened = context;
    return {
      page,
      foreignRequests,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
