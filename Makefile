# hospitality-go: a thin index of tasks. The logic lives in scripts/.
.DEFAULT_GOAL := help
.PHONY: help generate check-generated lint test demo bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

generate: ## regenerate every client under gen/ from specs/ and overlays/
	@scripts/generate.sh

check-generated: ## regenerate and fail when gen/ differs from what is committed
	@scripts/check-generated.sh

lint: ## gofmt, go vet and staticcheck (pinned)
	@scripts/lint.sh

test: ## check-generated + lint + go test -race ./...
	@scripts/test.sh

demo: ## run the providers' flows end to end against local fakes (no network, no credentials)
	@scripts/demo.sh

bench: ## run the benchmarks
	@scripts/bench.sh
