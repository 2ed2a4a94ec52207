import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Workers' dependencies (Monaco's, and the simulation's xstate and yaml) are only found when the
  // workers start: pre-bundle them up front, or the dev server re-optimizes and reloads the page.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'monaco-editor/esm/vs/editor/editor.worker.js', 'xstate', 'yaml'] },
  // ES module workers, so the simulation worker can load the kubectl engine as a separate chunk.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
