import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library for bundlers: ESM that keeps module boundaries (one file per source
    // module, nothing run at import), so a widget that imports one function pays for the
    // modules it reaches and no others (docs/performance.md, "Size per import").
    entry: ['src/**/*.ts', '!src/cli/**', '!src/internal.ts'],
    format: ['esm'],
    bundle: false,
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
  },
  {
    // The library for Node's require(): one CommonJS file, unchanged for Node users.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
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
