#!/usr/bin/env bash
# Fails on breaking changes between each spec at a git ref and the working tree (oasdiff, pinned)
# unless CHANGELOG.md acknowledges them under a "### Breaking" heading.
# Usage: scripts/breaking.sh <git ref>   (make breaking BASE=v0.1.0)
set -euo pipefail
cd "$(dirname "$0")/.."
OASDIFF_VERSION=v1.35.0
if [ $# -ne 1 ]; then
	echo "usage: scripts/breaking.sh <git ref>" >&2
	exit 2
fi
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
# A pinned tool outside go.mod: oasdiff's dependencies never enter the SDK's module graph.
GOBIN="$bin" go install "github.com/oasdiff/oasdiff@${OASDIFF_VERSION}"
. scripts/devtool.sh
devtool breaking -base "$1" -oasdiff "$bin/oasdiff"
