// The scheduler explainer and step mode in real Chromium: ask why a pod is Pending, read the
// summary and the per-node verdicts (and see them on the diagram), then step the scheduler
// through the cycle of a newly created pod, phase by phase. The clock is driven by the test hook.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const POD = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: ${cpu}}}}]
`;

async function advance(page: Page, seconds: number) {
  await page.evaluate((s) => window.clusterlab!.advance(s), seconds);
}

/** Serious or critical axe findings inside the explainer panel. */
async function panelA11y(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include('[data-testid="explainer-panel"]').analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length} nodes`);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/?paused=1&seed=1');
  await page.waitForFunction(() => !!window.clusterlab);
  await advance(page, 5);
});

test('explains a Pending pod and steps the scheduler through a new pod', async ({ page }) => {
  await page.evaluate((y) => window.clusterlab!.apply(y), POD('huge', '1800m'));
  await advance(page, 2);

  // From the diagram's queue to the inspector, then "Why Pending?".
  await page.getByTestId('pod-default-huge').click();
  await page.getByTestId('explain-pod').click();
  const panel = page.getByTestId('explainer-panel');
  await expect(panel).toBeVisible();
  const summary = page.getByTestId('explainer-summary');
  await expect(summary).toContainText('Pending because every node lacks 1800m CPU; the largest free is');
  await expect(summary).toContainText('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  await expect(page.getByTestId('explainer-attempt-1')).toHaveAttribute('data-result', 'Unschedulable');

  // Each node's row says which filter rejected it; the diagram dims it with the reason.
  const nodes = (await page.evaluate(() => window.clusterlab!.list('nodes'))).map((n) => n.metadata.name!);
  expect(nodes).toHaveLength(3);
  for (const n of nodes) {
    await expect(page.getByTestId(`explainer-node-${n}`)).toHaveAttribute('data-verdict', 'rejected');
    await expect(page.getByTestId(`explainer-node-${n}`)).toContainText('Insufficient cpu');
    await expect(page.getByTestId(`node-${n}`)).toHaveAttribute('data-explain', 'rejected');
    await expect(page.getByTestId(`explain-reason-${n}`)).toHaveText('NodeResourcesFit: Insufficient cpu');
  }
  // No serious accessibility problem in the panel.
  expect(await panelA11y(page)).toEqual([]);

  // The same explanation through the test hook.
  const [e] = await page.evaluate(() => window.clusterlab!.explain('default', 'huge'));
  await expect(summary).toHaveText(e.summary);

  // Step mode: a new pod waits in the queue until stepped, one phase at a time.
  await page.getByTestId('scheduler-stepping').check();
  const phase = page.getByTestId('scheduler-phase');
  await expect(phase).toHaveAttribute('data-phase', 'idle');
  // Its node affinity rules out the first node, so Filter has something to reject.
  const avoiding = `${POD('stepped', '100m')}  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: NotIn, values: [${nodes[0]}]}]}]}}}
`;
  await page.evaluate((y) => window.clusterlab!.apply(y), avoiding);
  await advance(page, 1);
  expect((await page.evaluate(() => window.clusterlab!.get('pods', 'default', 'stepped'))).spec.nodeName).toBeUndefined();
  const legend = page.getByTestId('cycle-legend');
  let candidate = '';
  for (const p of ['pop', 'filter', 'score', 'reserve', 'bind']) {
    await page.getByTestId('scheduler-step').click();
    await expect(phase).toHaveAttribute('data-phase', p);
    await expect(phase).toHaveAttribute('data-pod', 'default/stepped');
    // The diagram shows the cycle too: its pod, the phase, and per phase the nodes' marks.
    await expect(legend).toHaveAttribute('data-phase', p);
    await expect(page.getByTestId('pod-default-stepped')).toHaveAttribute('data-cycle', 'current');
    if (p === 'pop') for (const n of nodes) await expect(page.getByTestId(`node-${n}`)).not.toHaveAttribute('data-cycle', /.+/);
    if (p === 'filter') {
      await expect(page.getByTestId(`node-${nodes[0]}`)).toHaveAttribute('data-cycle', 'rejected');
      await expect(page.getByTestId(`cycle-label-${nodes[0]}`)).toHaveText("NodeAffinity: node(s) didn't match Pod's node affinity/selector");
      for (const n of nodes.slice(1)) await expect(page.getByTestId(`node-${n}`)).toHaveAttribute('data-cycle', 'feasible');
    }
    if (p === 'score') {
      candidate = (await page.evaluate(() => window.clusterlab!.scheduler())).node!;
      expect(nodes.slice(1)).toContain(candidate);
      await expect(page.getByTestId(`node-${candidate}`)).toHaveAttribute('data-cycle', 'candidate');
    }
    if (p === 'bind') {
      await expect(page.getByTestId(`node-${candidate}`)).toHaveAttribute('data-cycle', 'chosen');
      await expect(page.getByTestId(`cycle-label-${candidate}`)).toHaveText('chosen: pod bound here (bind)');
      await expect(page.getByTestId(`node-${nodes[0]}`)).toHaveAttribute('data-cycle', 'rejected');
    }
  }
  // The explainer followed the pod the cycle was on.
  await expect(panel).toHaveAttribute('data-pod', 'default/stepped');
  await page.getByTestId('scheduler-step').click();
  await expect(phase).toHaveAttribute('data-phase', 'idle');
  const bound = (await page.evaluate(() => window.clusterlab!.get('pods', 'default', 'stepped'))).spec.nodeName;
  expect(bound).toBe(candidate);
  // The cycle is over: its marks leave the diagram, the explainer's take over.
  await expect(legend).toHaveCount(0);
  await expect(page.getByTestId('pod-default-stepped')).not.toHaveAttribute('data-cycle', /.+/);
  await expect(page.getByTestId(`node-${bound}`)).not.toHaveAttribute('data-cycle', /.+/);
  await expect(summary).toContainText(`Scheduled on ${bound}: it scored highest`);
  await expect(page.getByTestId(`node-${bound}`)).toHaveAttribute('data-explain', 'winner');
  await expect(page.getByTestId(`explainer-node-${bound}`)).toHaveAttribute('data-verdict', 'winner');
  expect(await panelA11y(page)).toEqual([]); // with the score table too

  // Through the hook: stepping off, and the scheduler runs freely again.
  const cycle = await page.evaluate(() => window.clusterlab!.setSchedulerStepping(false));
  expect(cycle).toMatchObject({ stepping: false, phase: 'idle' });
  await expect(page.getByTestId('scheduler-stepping')).not.toBeChecked();
  await page.getByTestId('explainer-close').click();
  await expect(page.getByTestId(`node-${bound}`)).not.toHaveAttribute('data-explain', /.+/);
});

test("steps the ReplicaSet controller's reconcile phase by phase", async ({ page }) => {
  await page.getByTestId('explainer-open').click();
  await page.getByTestId('controller-step-mode').locator('summary').click();
  await expect(page.getByTestId('controller-name')).toHaveValue('replicaset-controller');
  await page.getByTestId('controller-stepping').check();
  await page.evaluate(
    (y) => window.clusterlab!.apply(y),
    `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`,
  );
  await advance(page, 1);
  const phase = page.getByTestId('controller-phase');
  for (const p of ['dequeue', 'read', 'diff', 'manage']) {
    await page.getByTestId('controller-step').click();
    await expect(phase).toHaveAttribute('data-phase', p);
    await expect(phase).toHaveAttribute('data-key', 'default/web');
  }
  await expect(page.getByTestId('controller-cycle')).toHaveText('manage: default/web — created 2 pod(s)');
  expect(await page.evaluate(() => window.clusterlab!.list('pods', 'default'))).toHaveLength(2);
  const last = await page.evaluate(() => window.clusterlab!.controllerStep('replicaset-controller'));
  expect(last).toMatchObject({ phase: 'status', key: 'default/web' });
  await page.getByTestId('controller-stepping').uncheck();
  await expect(page.getByTestId('controller-stepping')).not.toBeChecked();
});
