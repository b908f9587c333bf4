import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIX = `${ROOT}test/fixtures/tca/`;
/** Debian's chromium, which .ci/run installs. */
const CHROMIUM = '/usr/bin/chromium';

describe('report.html in a headless browser', () => {
  it('opens offline from a file and shows its charts', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install chromium)`).toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'execsim-html-'));
    const r = spawnSync(
      process.execPath,
      [
        `${ROOT}bin/execsim.js`,
        'tca',
        '--orders',
        `${FIX}aapl-orders.csv`,
        '--fills',
        `${FIX}aapl-fills.csv`,
        '--market',
        `${ROOT}datasets/nasdaq/AAPL/2012-06-21.parquet`,
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    // playwright gives every launch a fresh temporary profile.
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const figures = await page.$$eval('figure.chart', (fs) =>
        fs.map((f) => ({
          caption: f.querySelector(':scope > figcaption')?.textContent ?? '',
          marks: f.querySelectorAll('svg circle, svg path, svg line').length,
          // Legends add small swatch SVGs; the chart is the widest one.
          width: Math.max(0, ...[...f.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().width)),
        })),
      );
      expect(figures.map((f) => f.caption.split(' ')[0])).toEqual([
        'Cost',
        'Paired',
        'Execution',
        'Fills',
        'Volume-weighted',
      ]);
      for (const f of figures) {
        expect(f.marks).toBeGreaterThan(3);
        expect(f.width).toBeGreaterThan(300);
      }
      // Nothing but the file itself was loaded: the report is self-contained.
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
