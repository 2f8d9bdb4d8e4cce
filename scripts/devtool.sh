#!/usr/bin/env bash
# devtool runs internal/dev/cmd/hospitality-dev (spec lint, upstream diff, breaking-change check,
# exported-API report) from the repository root. The tool lives in the development module
# internal/dev, which is not part of the SDK's module, so it is built there and run here.
# Sourced by the scripts that need it.
devtool() {
	local bin
	bin=$(mktemp -d)
	go -C internal/dev build -o "$bin/hospitality-dev" ./cmd/hospitality-dev
	local rc=0
	"$bin/hospitality-dev" "$@" || rc=$?
	rm -rf "$bin"
	return "$rc"
}
