#!/usr/bin/env bash
# Lints every specs/*.yaml and every overlay: kin-openapi validation with examples, operation
# metadata, 2xx schemas and examples, no generator extensions, overlay targets (strict).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/devtool.sh
devtool lint-specs "$@"
