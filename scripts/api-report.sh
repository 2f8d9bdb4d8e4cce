#!/usr/bin/env bash
# Writes the exported Go API of every public package to api/ (one file per package).
# With --check, fails listing the differences when the committed report is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/devtool.sh
case "${1:-}" in
"") devtool api-report ;;
--check | -check) devtool api-report -check ;;
*) echo "usage: scripts/api-report.sh [--check]" >&2; exit 2 ;;
esac
