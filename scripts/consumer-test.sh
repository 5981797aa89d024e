#!/usr/bin/env bash
# Installs the packed tarball into a scratch project and uses it as consumers do:
# from .mjs, from .cjs, and from TypeScript with moduleResolution node16 and bundler.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
cd "$scratch"
printf '{ "name": "consumer", "private": true, "version": "0.0.0" }\n' > package.json
npm install --silent --no-audit --no-fund --prefer-offline "./$tarball"
cp "$root/test/consumer/consumer.mjs" "$root/test/consumer/consumer.cjs" "$root/test/consumer/consumer.ts" .
node consumer.mjs
node consumer.cjs
tsc="$root/node_modules/.bin/tsc"
"$tsc" --strict --noEmit --skipLibCheck false --types node --typeRoots "$root/node_modules/@types" --module node16 --moduleResolution node16 --target es2022 consumer.ts
echo "ts consumer (node16) ok"
"$tsc" --strict --noEmit --skipLibCheck false --types node --typeRoots "$root/node_modules/@types" --module esnext --moduleResolution bundler --target es2022 consumer.ts
echo "ts consumer (bundler) ok"
