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
