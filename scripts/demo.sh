#!/usr/bin/env bash
# Runs the SDK's flows end to end against in-process fake providers: no network, no credentials.
# cmd/hospitality is its own module (its CLI dependencies stay out of the SDK's), so it runs from there.
set -euo pipefail
cd "$(dirname "$0")/../cmd/hospitality"
go run . demo
