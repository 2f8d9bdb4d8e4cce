#!/usr/bin/env bash
# The whole gate: generated code fresh, lint clean, every test under the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/check-generated.sh
scripts/lint-specs.sh
scripts/api-report.sh --check
scripts/lint.sh
go test -race -count=1 ./...
. scripts/modules.sh
for m in $(nested_modules); do
	echo "test: $m" >&2
	(cd "$m" && go test -race -count=1 ./...)
done
