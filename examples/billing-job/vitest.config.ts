import { defineConfig } from 'vitest/config';

// The database tests of the billing job: `npm run test:db` runs them against a throwaway
// PostgreSQL cluster (scripts/with-postgres.sh). `npm test` never sees them: its config
// includes test/ only.
export default defineConfig({
  test: {
    include: ['examples/billing-job/test/**/*.db.test.ts'],
    // One file at a time, and the scenarios in order: they share the machine's two cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
