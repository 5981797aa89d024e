import { defineConfig } from 'tsup';

// The job is bundled on its own into examples/billing-job/dist/ (CommonJS, Node 20): no
// TypeScript runner is needed at run time. The library and pg stay outside the bundle, so
// `require('subscription-expiry')` loads the package's own public entry (dist/index.cjs),
// exactly as an application that installed it would.
export default defineConfig({
  entry: {
    job: 'examples/billing-job/src/main.ts',
    send: 'examples/billing-job/src/send.ts',
    bench: 'examples/billing-job/bench/bench.ts',
  },
  outDir: 'examples/billing-job/dist',
  format: ['cjs'],
  outExtension: () => ({ js: '.cjs' }),
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  external: ['subscription-expiry', 'pg'],
});
