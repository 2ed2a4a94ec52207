// Time travel in real Chromium: a scenario opened by URL, the scheduler stepped and explained, a
// node powered off, a rewind with the timeline scrubber, another branch (cordon instead), switching back; saving, opening and linking
// sessions. The clock starts paused and moves only through window.clusterlab (no fixed waits).

import { expect, test, type Page } from '@playwright/test';

async function timeline(page: Page) {
  return page.evaluate(() => window.clusterlab!.timeline());
}

test('scenario by URL, power off, rewind with the scrubber, take the other branch, switch back', async ({ page }) => {
  await page.goto('/?scenario=bin-packing&paused=1');
  await page.waitForFunction(() => !!window.clusterlab);
  await expect(page.getByTestId('scenario-picker')).toHaveValue('bin-packing');
  await expect(page.getByTestId('timetravel-branch')).toHaveText('Branch 1');
  // The scenario's steps are the plan: hollow marks until the clock reaches them.
  await expect(page.locator('.tt-mark.tt-planned')).toHaveCount(2);

  // Step the scheduler through a cycle of the scenario's first pod, and read its explanation.
  await page.evaluate(() => window.clusterlab!.setSchedulerStepping(true));
  await page.evaluate(() => window.clusterlab!.advance(10)); // the plan applies the Deployment at +5 s
  const phases: string[] = [];
  for (let i = 0; i < 12 && !phases.includes('bind'); i++) phases.push((await page.evaluate(() => window.clusterlab!.schedulerStep())).phase);
  expect(phases).toEqual(expect.arrayContaining(['pop', 'filter', 'score', 'bind']));
  const bound = await page.evaluate(async () => (await window.clusterlab!.list('pods', 'default')).find((p) => p.spec?.nodeName));
  const explained = await page.evaluate((name) => window.clusterlab!.explain('default', name), bound!.metadata.name!);
  expect(explained.at(-1)?.winner).toBe(bound!.spec!.nodeName);
  await page.evaluate(() => window.clusterlab!.setSchedulerStepping(false));
  // Stepping only looks: the scenario's plan (branch 1) goes on.
  await expect(page.getByTestId('timetravel-branch')).toHaveText('Branch 1');

  await page.evaluate(() => window.clusterlab!.advance(20));
  await expect(page.locator('.tt-mark.tt-done')).toHaveCount(1 + 1 + phases.length + 1);
  await expect(page.locator('.tt-mark.tt-planned')).toHaveCount(1);
  const t = (await timeline(page)).now;
  const hashAtT = await page.evaluate(() => window.clusterlab!.hash());
  const node = await page.evaluate(async () => (await window.clusterlab!.list('nodes'))[0].metadata.name!);

  await page.evaluate((n) => window.clusterlab!.node('power-off', n), node);
  await page.evaluate(() => window.clusterlab!.advance(90));
  await expect(page.getByTestId(`node-status-${node}`)).toHaveText('NotReady');
  const branch1Hash = await page.evaluate(() => window.clusterlab!.hash());

  // Rewind with the scrubber to T: the cluster is rebuilt as it was (the diagram too).
  await page.getByTestId('timetravel-scrubber').fill(String(t));
  await page.getByTestId('timetravel-rewind').click();
  await expect.poll(async () => (await timeline(page)).now).toBe(t);
  expect(await page.evaluate(() => window.clusterlab!.hash())).toBe(hashAtT);
  await expect(page.getByTestId(`node-status-${node}`)).toHaveText('Ready');
  // Powering off changed the scenario's history: branch 2, without the scenario's later step.
  await expect(page.getByTestId('timetravel-branch')).toHaveText('Branch 2 (from 1 at 2:30)');
  expect((await timeline(page)).marks.map((m) => [m.label, m.done]).slice(-2)).toEqual([
    ['scheduler step mode off', true],
    [`power-off ${node}`, false],
  ]);

  // The other branch: cordon instead of powering off.
  await page.evaluate((n) => window.clusterlab!.node('cordon', n), node);
  await page.evaluate(() => window.clusterlab!.advance(90));
  await expect(page.getByTestId('timetravel-branch')).toHaveText('Branch 3 (from 2 at 2:30)');
  await expect(page.getByTestId(`node-status-${node}`)).toHaveText('Ready,SchedulingDisabled');
  const branch2Hash = await page.evaluate(() => window.clusterlab!.hash());
  expect(branch2Hash).not.toBe(branch1Hash);

  // The power-off branch is still there.
  await page.getByTestId('timetravel-branches').selectOption('2');
  await expect(page.getByTestId('timetravel-branch')).toHaveText('Branch 2 (from 1 at 2:30)');
  await expect(page.getByTestId(`node-status-${node}`)).toHaveText('NotReady');
  expect(await page.evaluate(() => window.clusterlab!.hash())).toBe(branch1Hash);
});

test('a bad session file is refused with a clear error and loses nothing; a link reproduces the session', async ({ page, context }) => {
  await page.goto('/?scenario=crashloop&paused=1');
  await page.waitForFunction(() => !!window.clusterlab);
  await page.evaluate(() => window.clusterlab!.advance(40));
  const hash = await page.evaluate(() => window.clusterlab!.hash());

  await page.getByTestId('timetravel-import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "clusterlab-session", "vers') });
  await expect(page.getByTestId('timetravel-error')).toContainText('invalid session file: not JSON');
  expect(await page.evaluate(() => window.clusterlab!.hash())).toBe(hash);

  await page.getByTestId('timetravel-link').click();
  const link = await page.getByTestId('timetravel-link-url').inputValue();
  expect(link).toMatch(/#session=[A-Za-z0-9_-]+$/);
  const other = await context.newPage();
  await other.goto(link.replace(/^https?:\/\/[^/]+/, '').replace(/^\/?/, '/?paused=1'));
  await other.waitForFunction(() => !!window.clusterlab);
  expect(await other.evaluate(() => window.clusterlab!.hash())).toBe(hash);
  await expect(other.getByTestId('scenario-picker')).toHaveValue('crashloop');
});
