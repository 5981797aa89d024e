import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The widget imports `subscription-expiry` exactly as an app would; the alias points that
// name at the package's own build (`npm run build` first), so the page runs the real bundle.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  resolve: {
    alias: { 'subscription-expiry': fileURLToPath(new URL('../../dist/index.js', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
