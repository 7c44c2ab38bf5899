import { defaultClientConditions, defineConfig } from 'vite';
import { serviceWorker } from './vite-plugin-sw.ts';

export default defineConfig({
  // Preact's automatic JSX runtime, without a framework preset.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // `source` makes @puente/core resolve to its TypeScript, so no core build is needed first.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [serviceWorker({ source: 'src/sw/service-worker.ts' })],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  build: {
    target: 'es2022',
    rolldownOptions: {
      // Core modules only define things: the ones the app does not use are left out of the bundle.
      treeshake: { moduleSideEffects: [{ test: /packages\/core\/src\//, sideEffects: false }] },
    },
  },
});
