#!/usr/bin/env bash
# Checks the dashboard against Grafana's own dashboard schema: the TypeScript types that Grafana generates from it
# (npm @grafana/schema), with the dashboard JSON as a typed literal, compiled by tsc. Run by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y > /dev/null
npm install --silent --no-audit --no-fund @grafana/schema@13.2.3 typescript@5.9.3 > /dev/null
for dashboard in "$here"/dashboards/*.json; do
  { echo "import type { Dashboard } from '@grafana/schema';"
    printf 'export const dashboard: Dashboard = '
    cat "$dashboard"
    echo ';'; } > check.ts
  npx tsc --noEmit --strict --moduleResolution bundler --module esnext --target es2022 --skipLibCheck check.ts
  echo "$(basename "$dashboard"): valid against @grafana/schema 13.2.3"
done
