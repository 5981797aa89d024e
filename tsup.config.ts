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
  {
    // The command-line tool: never imported by the library, bundled on its own; it needs
    // nothing but Node and the library, so the runtime dependencies stay decimal.js.
    entry: { cli: 'src/cli/main.ts' },
    format: ['cjs'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
