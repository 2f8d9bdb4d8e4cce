#!/usr/bin/env bash
# gofmt on hand-written code, go vet on everything, staticcheck at a pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."
STATICCHECK_VERSION=v0.8.2

unformatted=$(find . -name '*.go' -not -name '*.gen.go' -not -path './.git/*' -print0 | xargs -0 gofmt -l)
if [ -n "$unformatted" ]; then
	echo "lint: gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
go run "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}" ./...
. scripts/modules.sh
for m in $(nested_modules); do
	(cd "$m" && go vet ./... && go run "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}" ./...)
done
echo "lint: ok"
