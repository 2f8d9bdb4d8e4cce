#!/usr/bin/env bash
# Runs the SDK's flows end to end against in-process fake providers: no network, no credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
go run ./cmd/hospitality demo
