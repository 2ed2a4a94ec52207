// Fault injection from the app, in real Chromium against the built app: node faults from the
// kubelet's inspector, a stopped scheduler, and etcd's Raft members on the diagram. The clock
// starts paused and moves only with window.clusterlab.advance.

import { expect, test, type Page } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/?paused=1&seed=1');
  await page.waitForFunction(() => !!window.clusterlab);
});

async function advance(page: Page, seconds: number) {
  await page.evaluate((s) => window.clusterlab!.advance(s), seconds);
}

async function nodeNames(page: Page): Promise<string[]> {
  const nodes = page.locator('[data-testid^="node-aks-nodepool1-"][data-status]');
  await expect(nodes).toHaveCount(3); // the diagram draws them once the first watch batch arrives
  const ids = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^node-/, ''));
}

test('power off one node and partition another: both go NotReady; the partition heals', async ({ page }) => {
  const [first, second] = await nodeNames(page);
  await page.getByTestId(`component-kubelet-${first}`).click();
  await page.getByTestId('node-action-power-off').click();
  await expect(page.getByTestId('node-action-result')).toContainText('powered off');

  await page.getByTestId(`component-kubelet-${second}`).click();
  const partition = page.getByTestId('fault-partition');
  await expect(partition).toHaveAttribute('aria-pressed', 'false');
  await partition.click();
  await expect(page.getByTestId('fault-result')).toContainText(`${second} cut off from the control plane`);
  await expect(partition).toHaveAttribute('aria-pressed', 'true');
  // The diagram shows the faults at once; NotReady only comes after the grace period.
  await expect(page.getByTestId(`node-fault-${second}`)).toHaveAttribute('data-faults', 'partition');
  await expect(page.getByTestId(`node-fault-${first}`)).toHaveAttribute('data-faults', 'power-off');

  await advance(page, 30);
  await expect(page.getByTestId(`node-${first}`)).toHaveAttribute('data-kubectl-status', 'Ready');
  // node-monitor-grace-period is 50 s.
  await advance(page, 30);
  for (const n of [first, second]) await expect(page.getByTestId(`node-${n}`)).toHaveAttribute('data-kubectl-status', 'NotReady');
  await page.screenshot({ path: 'e2e/screenshots/faults-01-nodes.png' });

  await partition.click();
  await expect(partition).toHaveAttribute('aria-pressed', 'false');
  await advance(page, 10);
  await expect(page.getByTestId(`node-${second}`)).toHaveAttribute('data-kubectl-status', 'Ready');
  await expect(page.getByTestId(`node-${first}`)).toHaveAttribute('data-kubectl-status', 'NotReady');
});

test('stop the scheduler: a new pod stays Pending until it is started again', async ({ page }) => {
  await page.getByTestId('cp-kube-scheduler').click();
  await page.getByTestId('fault-stop-scheduler').click();
  await expect(page.getByTestId('fault-result')).toHaveText('kube-scheduler stopped');
  await expect(page.getByTestId('stopped-kube-scheduler')).toBeVisible();
  await page.evaluate(() => window.clusterlab!.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: waiting}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n'));
  await advance(page, 60);
  const pod = page.getByTestId('pod-default-waiting');
  await expect(pod).toHaveAttribute('data-phase', 'Pending');
  expect(await page.evaluate(async () => ((await window.clusterlab!.get('pods', 'default', 'waiting')) as any).spec.nodeName)).toBeUndefined();
  await page.screenshot({ path: 'e2e/screenshots/faults-02-scheduler-stopped.png' });
  await page.getByTestId('fault-stop-scheduler').click();
  await expect(page.getByTestId('stopped-kube-scheduler')).toHaveCount(0);
  await advance(page, 20);
  await expect(pod).toHaveAttribute('data-phase', 'Running');
});

test('etcd: a failed leader shows on the diagram and a new one is elected; quorum loss fails writes', async ({ page }) => {
  await expect(page.getByTestId('etcd-member-etcd-0')).toHaveAttribute('data-role', 'leader');
  await page.getByTestId('cp-etcd').click();
  await page.getByTestId('fault-etcd-member-down-etcd-0').click();
  await expect(page.getByTestId('fault-result')).toContainText('etcd member etcd-0 (leader) stopped: quorum kept (2/3 up, 2 needed); an election follows');
  await expect(page.getByTestId('etcd-member-etcd-0')).toHaveAttribute('data-role', 'down');
  // Election timeout 1000 ms, randomized up to 2000 ms.
  await advance(page, 2.5);
  await expect(page.locator('[data-testid^="etcd-member-"][data-role="leader"]')).toHaveCount(1);
  await expect(page.getByTestId('etcd-quorum')).toContainText('2/3 members up, quorum 2: writes commit. Term 3');
  await page.screenshot({ path: 'e2e/screenshots/faults-03-etcd-election.png' });

  await page.getByTestId('fault-etcd-quorum-loss').click();
  await expect(page.getByTestId('etcd-members')).toHaveAttribute('data-quorum', 'lost');
  const r = await page.evaluate(() => window.clusterlab!.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'));
  expect(r[0].error?.message).toBe('etcdserver: request timed out');
  expect(await page.evaluate(() => window.clusterlab!.kubectl('create configmap y'))).toBe('error: failed to create configmap: etcdserver: request timed out\n');
});

test('kill a container and make another exceed its memory limit from the pod inspector', async ({ page }) => {
  await page.evaluate(() =>
    window.clusterlab!.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: victim}\nspec:\n  containers: [{name: app, image: nginx:1.27, resources: {limits: {memory: 128Mi}}}]\n'),
  );
  await advance(page, 20);
  const pod = page.getByTestId('pod-default-victim');
  await expect(pod).toHaveAttribute('data-phase', 'Running');
  await pod.click();
  await page.getByTestId('fault-kill-container').click();
  await expect(page.getByTestId('fault-result')).toHaveText('container app of pod victim killed (SIGKILL, exit code 137)');
  await advance(page, 3);
  await expect(pod).toHaveAttribute('data-restarts', '1');
  const oom = page.getByTestId('fault-oom');
  await oom.click();
  await expect(oom).toHaveAttribute('aria-pressed', 'true');
  await advance(page, 60);
  const st = await page.evaluate(async () => ((await window.clusterlab!.get('pods', 'default', 'victim')) as any).status.containerStatuses[0]);
  expect(st.lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
  expect(st.state.waiting?.reason).toBe('CrashLoopBackOff');
  await page.screenshot({ path: 'e2e/screenshots/faults-04-oom.png' });
  await oom.click();
  await expect(oom).toHaveAttribute('aria-pressed', 'false');
});
