#!/usr/bin/env bash
# Regenerates the clients and fails, listing each file, when gen/ differs from the committed tree.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/generate.sh >/dev/null
changed=$(git status --porcelain --untracked-files=all -- gen/)
if [ -n "$changed" ]; then
	echo "check-generated: gen/ is stale or has untracked files; run 'make generate' and commit:" >&2
	echo "$changed" >&2
	exit 1
fi
echo "check-generated: gen/ is up to date"
