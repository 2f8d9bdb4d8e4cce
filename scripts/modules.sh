#!/usr/bin/env bash
# Lists the nested modules (every directory below the root holding a go.mod), one per line, so
# that lint and test cover the adapters that live outside the core module (otelhospitality,
# the token stores, the command). Sourced by lint.sh and test.sh; new modules need no edit here.
nested_modules() {
	find . -mindepth 2 -name go.mod -not -path './.git/*' -not -path '*/testdata/*' -printf '%h\n' | sort
}
