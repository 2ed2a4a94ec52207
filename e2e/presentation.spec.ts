// Presentation mode and cause chains, in real Chromium against the built app: an instructor opens
// the app with ?present=1, drives the clock from the keyboard, hides the panels, spotlights a
// node and asks a pod how it got there. The clock starts paused; tests move it with the hook.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

const clock = (page: Page) => page.evaluate(() => window.clusterlab!.clock());

test.beforeEach(async ({ page }) => {
  await page.goto('/?paused=1&seed=1&present=1');
  await page.waitForFunction(() => !!window.clusterlab);
});

async function deployWeb(page: Page) {
  const results = await page.evaluate((y) => window.clusterlab!.apply(y), WEB);
  expect(results.map((r: any) => r.outcome)).toEqual(['created', 'created']);
  await page.evaluate(() => window.clusterlab!.advance(60));
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(2);
}

test('?present=1 turns presentation mode on; the keyboard drives the clock, panels and the shortcut list', async ({ page }) => {
  await expect(page.locator('html')).toHaveClass(/\bpresent\b/);
  await expect(page.getByTestId('presentation-toggle')).toHaveAttribute('aria-pressed', 'true');

  await expect(page.getByTestId('clock-state')).toHaveText('Paused');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('clock-state')).toHaveText('Running');
  expect((await clock(page)).paused).toBe(false);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('clock-state')).toHaveText('Paused');
  expect((await clock(page)).paused).toBe(true);

  const before = (await clock(page)).nowMs;
  await page.keyboard.press('.');
  await expect.poll(async () => (await clock(page)).nowMs).toBeGreaterThan(before);

  await page.keyboard.press('+');
  await expect.poll(async () => (await clock(page)).speed).toBe(2);
  await page.keyboard.press('s');
  await expect.poll(async () => (await clock(page)).speed).toBe(0.25);
  await expect(page.getByTestId('presentation-toast')).toHaveText('Slow motion 0.25×');
  await page.keyboard.press('s');
  await expect.poll(async () => (await clock(page)).speed).toBe(2);

  await page.keyboard.press('h');
  await expect(page.getByLabel('Inspector')).toBeHidden();
  await expect(page.getByLabel('Editor, events and terminal')).toBeHidden();
  await expect(page.getByTestId('diagram')).toBeVisible();
  await page.keyboard.press('h');
  await expect(page.getByLabel('Inspector')).toBeVisible();
  await expect(page.getByLabel('Editor, events and terminal')).toBeVisible();

  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Play / pause the cluster clock');
  await expect(overlay).toContainText('Slow motion');
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  // Typing in a field is typing, not shortcuts.
  await page.getByTestId('tab-events').click();
  await page.getByTestId('timeline-filter-text').fill('');
  await page.getByTestId('timeline-filter-text').pressSequentially('hs p');
  await expect(page.getByTestId('timeline-filter-text')).toHaveValue('hs p');
  await expect(page.getByLabel('Inspector')).toBeVisible();
  expect((await clock(page)).speed).toBe(2);
  expect((await clock(page)).paused).toBe(true);
  await expect(page.locator('html')).toHaveClass(/\bpresent\b/);

  // The toggle turns it off again.
  await page.getByTestId('presentation-toggle').click();
  await expect(page.locator('html')).not.toHaveClass(/\bpresent\b/);
});

test('spotlight a node, then a pod by Alt+click; Esc ends it', async ({ page }) => {
  const nodeCard = page.locator('.dg-node[data-testid^="node-"]').first();
  const nodeTestId = (await nodeCard.getAttribute('data-testid'))!;
  await nodeCard.locator('.dg-node-name').click();
  await page.keyboard.press('f');
  const spot = page.getByTestId('spotlight');
  await expect(spot).toHaveAttribute('data-target', nodeTestId);
  await expect(spot).toHaveAttribute('data-visible', 'true');
  // The hole surrounds the node card (polled: the spotlight glides into place).
  const card = (await nodeCard.boundingBox())!;
  await expect
    .poll(async () => {
      const box = (await spot.boundingBox())!;
      return box.x <= card.x && box.y <= card.y && box.x + box.width >= card.x + card.width && box.y + box.height >= card.y + card.height;
    })
    .toBe(true);

  const pod = nodeCard.locator('[data-testid^="pod-kube-system-"]').first();
  const podTestId = (await pod.getAttribute('data-testid'))!;
  await pod.click({ modifiers: ['Alt'] });
  await expect(spot).toHaveAttribute('data-target', podTestId);
  await page.keyboard.press('Escape');
  await expect(spot).toHaveCount(0);
});

test("a pod's cause chain: Deployment -> ReplicaSet -> Pod -> node -> kubelet -> Service, clickable and drawn", async ({ page }) => {
  await deployWeb(page);
  await page.evaluate(() => window.clusterlab!.advance(5));
  const pod = page.locator('[data-testid^="pod-default-web-"]').first();
  const podTestId = (await pod.getAttribute('data-testid'))!;
  await pod.click();
  const chain = page.getByTestId('cause-chain');
  await expect(chain).toBeVisible();
  const links = chain.getByTestId('cause-link');
  await expect(links).toHaveCount(7);
  const kinds = await links.evaluateAll((ls) => ls.map((l) => `${l.getAttribute('data-kind')}:${l.getAttribute('data-target-kind')}:${l.getAttribute('data-actor')}`));
  expect(kinds).toEqual([
    'created:Deployment:clusterlab-editor',
    'created:ReplicaSet:deployment-controller',
    'created:Pod:replicaset-controller',
    'scheduled:Node:default-scheduler',
    'started:kubelet:kubelet',
    'ready:Pod:kubelet',
    'endpoint:Service:endpointslice-controller',
  ]);
  const times = await links.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-at'))));
  for (let i = 1; i < 5; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  await expect(links.nth(6)).toContainText(/EndpointSlice web-[a-z0-9]+/);

  // The chain is outlined on the diagram: the pod, its node and the components that acted.
  const nodeName = await links.nth(3).getAttribute('data-target');
  const css = await page.getByTestId('cause-highlight').textContent();
  for (const id of [podTestId, `node-${nodeName}`, 'cp-kube-scheduler', 'cp-kube-controller-manager']) expect(css).toContain(`[data-testid="${id}"]`);

  // axe in presentation mode, with the chain open.
  const r = await new AxeBuilder({ page }).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length} nodes`)).toEqual([]);

  // Each link selects what it names.
  await links.nth(1).getByRole('button').click();
  await expect(page.getByTestId('inspector-title')).toHaveText(/^ReplicaSet web-/);
  await expect(page.getByTestId('cause-link')).toHaveCount(2);
  await page.getByTestId('cause-link').first().getByRole('button').click();
  await expect(page.getByTestId('inspector-title')).toHaveText('Deployment web');
});
