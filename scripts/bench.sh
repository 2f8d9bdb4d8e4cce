#!/usr/bin/env bash
# Runs every benchmark once on this machine and prints the raw output.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run='^$' -bench=. -benchmem -count=1 ./...
