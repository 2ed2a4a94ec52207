// The in-app terminal: commands typed at the prompt run kubectl against the simulated cluster,
// print what kubectl prints, and the diagram follows. The clock starts paused and moves only
// through window.clusterlab.advance (never fixed waits).

import { expect, test, type Page } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/?paused=1&seed=1');
  await page.waitForFunction(() => !!window.clusterlab);
});

async function openTerminal(page: Page) {
  await page.getByTestId('tab-terminal').click();
  const terminal = page.getByTestId('terminal');
  // xterm loads lazily; its rows appear once it is mounted.
  await expect(terminal.locator('.xterm-rows')).toContainText('azureuser@clusterlab');
  await terminal.locator('.xterm').click();
  return terminal;
}

async function type(page: Page, line: string) {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('kubectl typed in the terminal creates pods that appear on the diagram', async ({ page }) => {
  const terminal = await openTerminal(page);
  const rows = terminal.locator('.xterm-rows');
  await type(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await expect(rows).toContainText('deployment.apps/web created');
  await page.evaluate(() => window.clusterlab!.advance(60));
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(3);

  await type(page, 'k get pods');
  await expect(rows).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(rows).toContainText(/web-\S+\s+1\/1\s+Running/);

  // Unknown commands answer as bash; Tab completes.
  await type(page, 'foo');
  await expect(rows).toContainText('bash: foo: command not found');
  await page.keyboard.type('kubectl get deploy');
  await page.keyboard.press('Tab');
  await page.keyboard.type(' w');
  await page.keyboard.press('Tab');
  await expect(rows).toContainText('kubectl get deploy web');
  await page.keyboard.press('Control+C');

  await page.screenshot({ path: 'e2e/screenshots/terminal.png' });
});

test('window.clusterlab.kubectl returns what the terminal prints', async ({ page }) => {
  const out = await page.evaluate(() => window.clusterlab!.kubectl('get nodes'));
  expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
  expect(out.trim().split('\n')).toHaveLength(4);
  expect(out).toMatch(/aks-nodepool1-\S+\s+Ready\s+agent\s+/);
  const err = await page.evaluate(() => window.clusterlab!.kubectl('kubectl get nosuch'));
  expect(err).toContain(`error: the server doesn't have a resource type "nosuch"`);
});

test('kubectl debug node/... -it opens a shell on the node: chroot /host, crictl ps, exit', async ({ page }) => {
  const terminal = await openTerminal(page);
  const rows = terminal.locator('.xterm-rows');
  const node = (await page.evaluate(() => window.clusterlab!.kubectl('get nodes -o name'))).split('\n')[0].replace('node/', '');
  await type(page, `kubectl debug node/${node} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0`);
  await expect(rows).toContainText(new RegExp(`Creating debugging pod node-debugger-${node}-\\w{5} with container debugger on node ${node}\\.`));
  // The busybox shell of the debugger container; the node's root is at /host.
  await expect(rows).toContainText('/ #');
  await type(page, 'chroot /host');
  await expect(rows).toContainText(`root@${node}:/#`);
  // Tab completes command names inside the node shell.
  await page.keyboard.type('cric');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ps --name debugger');
  await page.keyboard.press('Enter');
  await expect(rows).toContainText(/CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME/);
  await expect(rows).toContainText(/Running\s+debugger\s+0\s+[0-9a-f]{13}\s+node-debugger-/);
  await type(page, 'crictl ps --name kube-proxy');
  await expect(rows).toContainText(/Running\s+kube-proxy\s+0\s+[0-9a-f]{13}\s+kube-proxy-\w{5}\s+kube-system/);
  await type(page, 'exit');
  await type(page, 'exit');
  // Back at the terminal's own prompt: kubectl runs again, and the debugger pod has completed.
  await type(page, 'kubectl get pods');
  await expect(rows).toContainText(/node-debugger-\S+\s+0\/1\s+Completed/);
  await page.screenshot({ path: 'e2e/screenshots/terminal-node-debug.png' });
});

test('window.clusterlab.kubectl follows an exec session like the terminal', async ({ page }) => {
  await page.evaluate(() => window.clusterlab!.kubectl('create deployment web --image=nginx'));
  await page.evaluate(() => window.clusterlab!.advance(30));
  const pod = (await page.evaluate(() => window.clusterlab!.kubectl('get pods -o name'))).trim().replace('pod/', '');
  expect(await page.evaluate((p) => window.clusterlab!.kubectl(`exec -it ${p} -- sh`), pod)).toBe('');
  expect(await page.evaluate(() => window.clusterlab!.kubectl('cat /etc/hostname'))).toBe(`${pod}\n`);
  expect(await page.evaluate(() => window.clusterlab!.kubectl('foo'))).toBe('sh: 1: foo: not found\n');
  // `exit` returns the last command's status, which kubectl reports.
  expect(await page.evaluate(() => window.clusterlab!.kubectl('exit'))).toBe('command terminated with exit code 127\n');
  expect(await page.evaluate(() => window.clusterlab!.kubectl('get deploy -o name'))).toBe('deployment.apps/web\n');
  const bash = await page.evaluate((p) => window.clusterlab!.kubectl(`exec ${p} -- cat /etc/resolv.conf`), pod);
  expect(bash).toMatch(/^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local \S+\nnameserver 10\.0\.0\.10\noptions ndots:5\n$/);
});

test('kubectl drain typed in the terminal moves the node\'s pods to the other nodes on the diagram', async ({ page }) => {
  const terminal = await openTerminal(page);
  const rows = terminal.locator('.xterm-rows');
  await type(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await page.evaluate(() => window.clusterlab!.advance(60));
  const node = await page.evaluate(async () => (await window.clusterlab!.list('pods', 'default'))[0].spec!.nodeName!);
  const onNode = page.getByTestId(`node-${node}`).locator('[data-testid^="pod-default-web-"]');
  await expect(onNode).not.toHaveCount(0);

  // kubectl waits for the evicted pods to terminate: the clock must run for that.
  await page.evaluate(() => window.clusterlab!.resume());
  await type(page, `kubectl drain ${node} --ignore-daemonsets`);
  await expect(rows).toContainText(`node/${node} drained`, { timeout: 20_000 });
  await expect(rows).toContainText(`node/${node} cordoned`);
  await page.evaluate(() => window.clusterlab!.pause());
  await page.evaluate(() => window.clusterlab!.advance(30));

  await expect(page.getByTestId(`node-${node}`)).toHaveAttribute('data-kubectl-status', 'Ready,SchedulingDisabled');
  await expect(onNode).toHaveCount(0);
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(3);
  await page.screenshot({ path: 'e2e/screenshots/terminal-drain.png' });
});
