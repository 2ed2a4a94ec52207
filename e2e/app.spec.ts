// A newcomer's first session with the app, in real Chromium against the built app. The clock
// starts paused and tests move it with window.clusterlab.advance (never fixed waits).

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const WEB = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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
`;

let outside: string[] = [];

test.beforeEach(async ({ page }) => {
  outside = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) outside.push(req.url());
  });
  await page.goto('/?paused=1&seed=1');
  await page.waitForFunction(() => !!window.clusterlab);
});

test.afterEach(() => {
  expect(outside, 'requests outside localhost').toEqual([]);
});

async function advance(page: Page, seconds: number) {
  await page.evaluate((s) => window.clusterlab!.advance(s), seconds);
}

async function editorReady(page: Page) {
  await page.getByTestId('tab-editor').click();
  await page.waitForFunction(() => (window as any).clusterlabEditor?.engine === 'monaco', undefined, { timeout: 30_000 });
}

async function setEditor(page: Page, text: string) {
  await page.evaluate((t) => (window as any).clusterlabEditor.setValue(t), text);
}

async function runningWebPods(page: Page) {
  return page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]').count();
}

test('a newcomer sees the control plane, 3 nodes and kube-system pods', async ({ page }) => {
  for (const c of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'konnectivity']) {
    await expect(page.getByTestId(`cp-${c}`)).toBeVisible();
  }
  const nodes = page.locator('[data-testid^="node-aks-nodepool1-"][data-status]');
  await expect(nodes).toHaveCount(3);
  for (const n of await nodes.all()) await expect(n).toHaveAttribute('data-status', 'Ready');
  await expect(page.locator('[data-testid^="pod-kube-system-coredns-"][data-phase="Running"]').first()).toBeVisible();
  await expect(page.locator('[data-testid^="pod-kube-system-kube-proxy-"]')).toHaveCount(3);
  await page.screenshot({ path: 'e2e/screenshots/01-fresh-cluster.png' });
});

test('apply a Deployment from the editor, watch it run, inspect a pod, scale by re-applying', async ({ page }) => {
  await editorReady(page);
  // Type into Monaco like a learner (a one-line change after loading the text).
  await setEditor(page, WEB(2));
  await page.getByTestId('editor').locator('.monaco-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# my first deployment');
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-results')).toContainText('deployment.apps/web created');

  await advance(page, 30);
  await expect.poll(() => runningWebPods(page)).toBe(2);
  await page.screenshot({ path: 'e2e/screenshots/02-deployment-running.png' });

  // Its events are in the timeline.
  await page.getByTestId('tab-events').click();
  await page.getByTestId('timeline-filter-text').fill('web');
  await expect(page.locator('[data-testid="event-row"][data-reason="ScalingReplicaSet"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="event-row"][data-reason="Scheduled"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="event-row"][data-reason="Started"]').first()).toBeVisible();

  // Click a pod: its explainer and live YAML.
  const pod = page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]').first();
  const podName = ((await pod.getAttribute('data-testid')) ?? '').replace('pod-default-', '');
  await pod.click();
  await expect(page.getByTestId('inspector-title')).toContainText(podName);
  await expect(page.getByTestId('explainer')).toContainText(/container/i);
  await expect(page.getByTestId('object-yaml')).toContainText(`name: ${podName}`);
  await expect(page.getByTestId('object-yaml')).toContainText('phase: Running');
  await page.screenshot({ path: 'e2e/screenshots/03-pod-inspector.png' });

  // Scale by re-applying with more replicas.
  await editorReady(page);
  await setEditor(page, WEB(4));
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-results')).toContainText('deployment.apps/web configured');
  await advance(page, 30);
  await expect.poll(() => runningWebPods(page)).toBe(4);
});

test('invalid YAML shows an error at the right line and changes nothing', async ({ page }) => {
  await editorReady(page);
  const before = await page.evaluate(() => window.clusterlab!.hash());
  const bad = WEB(2).replace('      - name: nginx\n', '      - name: nginx\n        ports: [{containerPort: "eighty"}]\n');
  await setEditor(page, bad);
  await page.getByTestId('editor-apply').click();
  const error = page.locator('[data-testid="editor-results"] [data-kind="error"]');
  await expect(error).toBeVisible();
  const line = bad.split('\n').findIndex((l) => l.includes('eighty')) + 1;
  await expect(error).toHaveAttribute('data-line', String(line));
  await expect.poll(() => page.evaluate(() => (window as any).clusterlabEditor.markers().filter((m: any) => m.owner === 'clusterlab-apply').map((m: any) => m.line))).toEqual([line]);

  await setEditor(page, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n');
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('editor-results')).toContainText('error converting YAML to JSON');
  await page.screenshot({ path: 'e2e/screenshots/04-invalid-yaml.png' });
  expect(await page.evaluate(() => window.clusterlab!.hash())).toBe(before);
  expect(await page.evaluate(async () => (await window.clusterlab!.list('deployments', 'default')).length)).toBe(0);
});

test('stop a node\'s kubelet and watch it go NotReady', async ({ page }) => {
  const node = page.locator('[data-testid^="node-aks-nodepool1-"][data-status]').first();
  const name = ((await node.getAttribute('data-testid')) ?? '').replace(/^node-/, '');
  await page.getByTestId(`component-kubelet-${name}`).click();
  await page.getByTestId('node-action-stop-kubelet').click();
  await expect(page.getByTestId('node-action-result')).toContainText('kubelet stopped');
  await advance(page, 30);
  await expect(node).toHaveAttribute('data-kubectl-status', 'Ready');
  // node-monitor-grace-period is 50 s: NotReady (Unknown) after that.
  await advance(page, 30);
  await expect(node).toHaveAttribute('data-kubectl-status', 'NotReady');
  await expect(node).toHaveAttribute('data-status', 'Unknown');
  await page.getByTestId('tab-events').click();
  await page.getByTestId('timeline-filter-text').fill('NodeNotReady');
  await expect(page.locator(`[data-testid="event-row"][data-object="Node/${name}"]`).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/05-node-notready.png' });
});

test('time controls: pause freezes the clock, step and speed move it', async ({ page }) => {
  const clockText = () => page.getByTestId('clock').textContent();
  const t0 = await clockText();
  await page.getByTestId('clock-advance-60').click();
  await expect.poll(clockText).not.toBe(t0);
  const before = (await page.evaluate(() => window.clusterlab!.clock())).nowMs;
  await page.getByTestId('clock-step').click();
  await expect.poll(async () => (await page.evaluate(() => window.clusterlab!.clock())).nowMs).toBeGreaterThan(before);
  await page.getByTestId('clock-speed').selectOption('100');
  expect((await page.evaluate(() => window.clusterlab!.clock())).speed).toBe(100);
  await page.getByTestId('clock-play').click();
  await expect(page.getByTestId('clock-state')).toHaveText('Running');
  await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-state')).toHaveText('Paused');
});

test('no serious or critical accessibility violations', async ({ page }) => {
  await page.evaluate(() => window.clusterlab!.apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n`));
  await advance(page, 20);
  const scan = async () => {
    const r = await new AxeBuilder({ page }).analyze();
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length} nodes`);
  };
  expect(await scan()).toEqual([]);
  await page.locator('[data-testid="pod-default-p"]').click();
  await page.getByTestId('tab-events').click();
  expect(await scan()).toEqual([]);
});
