#!/usr/bin/env bash
# Regenerates every typed client: one //go:generate line per API in generate.go.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s.%N)
go generate .
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "generate: all clients in %.2fs\n", e - s }'
