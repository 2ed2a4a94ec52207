// Frame-time benchmark: p95 time between animation frames while the app shows a busy cluster.
//  1. A rolling update of a 300-pod Deployment on 10 nodes (target p95 <= 16.7 ms).
//  2. 100 nodes running 3,000 pods, with a rolling update of 300 of them (target p95 <= 33 ms).
// Also: the initial JavaScript (gzipped) the page loads before Monaco, and the worker's.
// The last line printed is one JSON object with every figure.

import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const results: Record<string, number | string> = {};

function deployment(name: string, replicas: number, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: web
        image: ${image}
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`;
}

async function open(page: Page, nodes: number): Promise<void> {
  await page.goto(`/?nodes=${nodes}&paused=1&seed=1`);
  await page.waitForFunction(() => !!window.clusterlab, undefined, { timeout: 300_000 });
  await expect(page.getByTestId('diagram')).toBeVisible();
}

async function runningPods(page: Page, ns = 'default'): Promise<number> {
  return page.evaluate(async (n) => (await window.clusterlab!.list('pods', n)).filter((p) => p.status?.phase === 'Running').length, ns);
}

/** Advance virtual time in steps until `want` pods run in `default`. */
async function settle(page: Page, want: number): Promise<void> {
  for (let i = 0; i < 120 && (await runningPods(page)) < want; i++) await page.evaluate(() => window.clusterlab!.advance(5));
  expect(await runningPods(page)).toBeGreaterThanOrEqual(want);
}

/** Record frame intervals for `ms` of wall time while the cluster runs at `speed`. */
async function measureFrames(page: Page, ms: number, speed: number, during: () => Promise<void>): Promise<{ p50: number; p95: number; max: number; frames: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const loop = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(loop);
    });
  });
  await page.evaluate((s) => window.clusterlab!.setSpeed(s).then(() => window.clusterlab!.resume()), speed);
  await during();
  await page.waitForTimeout(ms); // wall time is what is being measured here
  await page.evaluate(() => window.clusterlab!.pause());
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
  return { p50: q(0.5), p95: q(0.95), max: q(1), frames: frames.length };
}

test('initial JavaScript before Monaco (gzipped)', async ({ page }) => {
  const loaded = new Set<string>();
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) loaded.add(new URL(r.url()).pathname.replace(/^\//, ''));
  });
  await page.goto('/?paused=1');
  await page.waitForFunction(() => !!window.clusterlab, undefined, { timeout: 120_000 });
  const gz = (f: string) => gzipSync(readFileSync(join('dist', f))).length;
  const files = [...loaded].filter((f) => !/monaco|editor\.main|yaml\.worker|editor\.worker/i.test(f));
  const worker = files.filter((f) => /worker/i.test(f));
  const page_ = files.filter((f) => !/worker/i.test(f));
  results.initialPageJsGzipKB = Math.round(page_.reduce((s, f) => s + gz(f), 0) / 1024);
  results.workerJsGzipKB = Math.round(worker.reduce((s, f) => s + gz(f), 0) / 1024);
  results.allJsGzipKB = Math.round(readdirSync('dist/assets').filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(join('assets', f)), 0) / 1024);
  console.log(`initial JS: page ${results.initialPageJsGzipKB} KB + worker ${results.workerJsGzipKB} KB gzipped (target < 300 KB); all chunks ${results.allJsGzipKB} KB`);
});

test('rolling update of 300 pods on 10 nodes', async ({ page }) => {
  await open(page, 10);
  await page.evaluate((y) => window.clusterlab!.apply(y), deployment('roll', 300, 'nginx:1.26'));
  await settle(page, 300);
  const f = await measureFrames(page, 15_000, 5, async () => {
    await page.evaluate((y) => window.clusterlab!.apply(y), deployment('roll', 300, 'nginx:1.27'));
  });
  results.rolling300p95Ms = f.p95;
  results.rolling300p50Ms = f.p50;
  results.rolling300Frames = f.frames;
  console.log(`300 pods / 10 nodes, rolling update: p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms over ${f.frames} frames (target p95 <= 16.7 ms)`);
});

test('100 nodes and 3,000 pods', async ({ page }) => {
  await open(page, 100);
  for (let i = 0; i < 10; i++) await page.evaluate((y) => window.clusterlab!.apply(y), deployment(`app${i}`, 300, 'nginx:1.26'));
  await settle(page, 3000);
  const f = await measureFrames(page, 15_000, 5, async () => {
    await page.evaluate((y) => window.clusterlab!.apply(y), deployment('app0', 300, 'nginx:1.27'));
  });
  results.large3000p95Ms = f.p95;
  results.large3000p50Ms = f.p50;
  results.large3000Frames = f.frames;
  console.log(`3,000 pods / 100 nodes, rolling update of 300: p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms over ${f.frames} frames (target p95 <= 33 ms)`);
});

test.afterAll(() => {
  console.log(JSON.stringify(results));
});
