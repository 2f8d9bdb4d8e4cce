#!/usr/bin/env bash
# Decodes answers generated from an upstream OpenAPI document (3.0 or 3.1) through our typed
# client for $API, and reports per operation what decoded fully, partially or not at all.
# Usage: scripts/upstream-answers.sh <api> <upstream file> [-n 50] [-seed 1] [-all] [--strict]
#   (make upstream-answers API=cloudbeds UPSTREAM=path/to/openapi.yaml [N=50] [SEED=1] [STRICT=1])
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
	echo "usage: scripts/upstream-answers.sh <api> <upstream file> [-n 50] [-seed 1] [-all] [--strict]" >&2
	exit 2
fi
api=$1 upstream=$2
shift 2
flags=()
while [ $# -gt 0 ]; do
	case "$1" in
	--strict | -strict) flags+=(-strict) ;;
	--all | -all) flags+=(-all) ;;
	-n | -seed)
		[ $# -ge 2 ] || { echo "upstream-answers: $1 needs a value" >&2; exit 2; }
		flags+=("$1" "$2")
		shift
		;;
	*) echo "upstream-answers: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
. scripts/devtool.sh
devtool upstream-answers "${flags[@]}" "$api" "$upstream"
