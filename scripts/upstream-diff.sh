#!/usr/bin/env bash
# Compares specs/$API.yaml with an upstream OpenAPI document (3.0 or 3.1).
# Usage: scripts/upstream-diff.sh <api> <upstream file> [--strict]
#   (make upstream-diff API=cloudbeds UPSTREAM=path/to/openapi.yaml [STRICT=1])
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
	echo "usage: scripts/upstream-diff.sh <api> <upstream file> [--strict]" >&2
	exit 2
fi
api=$1 upstream=$2
shift 2
strict=()
for arg in "$@"; do
	case "$arg" in
	--strict | -strict) strict=(-strict) ;;
	*) echo "upstream-diff: unknown argument $arg" >&2; exit 2 ;;
	esac
done
. scripts/devtool.sh
devtool upstream-diff "${strict[@]}" "$api" "$upstream"
