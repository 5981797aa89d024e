#!/usr/bin/env bash
# npm run mutation [-- stryker options]: Stryker over src/, incremental against the committed
# baseline. The baseline is committed gzip-compressed (reports/stryker-incremental.json.gz);
# this unpacks it for Stryker and runs Stryker. Only with MUTATION_REFRESH=1 does it pack the
# updated result back over the committed file (`gzip -n -9`: no name or time stamp, so the
# same result gives the same bytes); otherwise the committed baseline is left as it was, so
# CI and everyday runs never rewrite it. Exits with Stryker's status: non-zero when the score
# is below the break threshold. docs/mutation.md explains the scheme and who refreshes it.
set -euo pipefail
cd "$(dirname "$0")/.."

# MUTATION_CONFIG=stryker.cli.config.json runs the CLI's own check against its own baseline.
config=${MUTATION_CONFIG:-stryker.config.json}
if [ "$config" = stryker.config.json ]; then baseline=reports/stryker-incremental.json; else baseline=reports/stryker-cli-incremental.json; fi
if [ -f "$baseline.gz" ]; then
  gzip -dc "$baseline.gz" > "$baseline"
else
  echo "No $baseline.gz: Stryker tests every mutant (a full run)."
  rm -f "$baseline"
fi

status=0
npx stryker run "$config" "$@" || status=$?

if [ -f "$baseline" ]; then
  if [ "${MUTATION_REFRESH:-0}" = 1 ]; then
    gzip -n -9 -c "$baseline" > "$baseline.gz.tmp"
    mv "$baseline.gz.tmp" "$baseline.gz"
  fi
  rm -f "$baseline"
fi
exit "$status"
