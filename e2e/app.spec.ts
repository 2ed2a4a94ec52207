import { expect, test } from '@playwright/test';

test('the app shell loads and makes no request outside localhost', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') outside.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Clusterlab' })).toBeVisible();
  await expect(page.getByTestId('app')).toContainText('AKS');
  expect(outside).toEqual([]);
});
