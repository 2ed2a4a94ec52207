import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The editor's Monaco workers are only found when they start: pre-bundle them up front, or the
  // dev server re-optimizes and reloads the page the first time the editor loads.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js', 'monaco-editor/esm/vs/editor/editor.worker.js'] },
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
