import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The UI benchmark (npm run bench:ui): frame times in real Chromium against the built app.
// Not part of npm test.
export default defineConfig({
  ...base,
  testDir: 'bench/ui',
  testMatch: '*.bench.ts',
  timeout: 15 * 60_000,
  use: { ...base.use, viewport: { width: 1600, height: 1000 } },
});
