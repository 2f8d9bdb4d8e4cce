#!/usr/bin/env bash
# Installs Stoplight Prism (pinned) into bench/.prism and runs its mock server on loopback.
#
#   scripts/prism.sh install           install (or reuse) the pinned prism-cli
#   scripts/prism.sh mock SPEC PORT    run `prism mock` for SPEC on 127.0.0.1:PORT (foreground)
#
# Exit status 3 means "skipped": npm is not installed or the install failed. The caller decides
# what to do without Prism; nothing else depends on it.
set -euo pipefail
cd "$(dirname "$0")/.."

PRISM_VERSION=5.16.0
PRISM_DIR=bench/.prism
PRISM_BIN="$PRISM_DIR/node_modules/.bin/prism"

install() {
	if [ -x "$PRISM_BIN" ] && [ "$(cat "$PRISM_DIR/version" 2>/dev/null)" = "$PRISM_VERSION" ]; then
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "prism: skipped: npm is not installed" >&2
		return 3
	fi
	mkdir -p "$PRISM_DIR"
	echo "prism: installing @stoplight/prism-cli@$PRISM_VERSION into $PRISM_DIR" >&2
	if ! npm install --prefix "$PRISM_DIR" --no-save --no-audit --no-fund --loglevel=error \
		"@stoplight/prism-cli@$PRISM_VERSION" >"$PRISM_DIR/install.log" 2>&1; then
		echo "prism: skipped: npm install failed (see $PRISM_DIR/install.log)" >&2
		return 3
	fi
	if [ ! -x "$PRISM_BIN" ]; then
		echo "prism: skipped: $PRISM_BIN missing after install" >&2
		return 3
	fi
	echo "$PRISM_VERSION" >"$PRISM_DIR/version"
}

case "${1:-}" in
install)
	install
	;;
mock)
	if [ $# -ne 3 ]; then
		echo "usage: scripts/prism.sh mock SPEC PORT" >&2
		exit 2
	fi
	install
	# Static examples (no -d), request validation on, per-request logging off, loopback only.
	exec "$PRISM_BIN" mock --host 127.0.0.1 --port "$3" --errors=false --verboseLevel warn "$2"
	;;
*)
	echo "usage: scripts/prism.sh install | mock SPEC PORT" >&2
	exit 2
	;;
esac
