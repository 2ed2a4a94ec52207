import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers here: use Debian's chromium (see shared/STACK.md).
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A port per run, so that runs side by side (CI and a developer's) do not collide. Worker processes
// inherit the variable from the runner, so they agree with it on the port.
process.env.E2E_PORT ??= String(4200 + (process.pid % 500));
const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
