import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: one entry, ESM + CJS, types for both.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
  },
]);
