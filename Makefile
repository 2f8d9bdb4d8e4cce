# hospitality-go: a thin index of tasks. The logic lives in scripts/.
.DEFAULT_GOAL := help
.PHONY: help generate check-generated lint test demo bench lint-specs upstream-diff upstream-answers breaking api-report

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

lint-specs: ## lint specs/ and overlays/ (kin-openapi + examples, operation metadata, strict overlay targets)
	@scripts/lint-specs.sh

upstream-diff: ## compare a spec with upstream: make upstream-diff API=cloudbeds UPSTREAM=file [STRICT=1]
	@scripts/upstream-diff.sh "$(API)" "$(UPSTREAM)" $(if $(STRICT),--strict)

upstream-answers: ## decode answers generated from upstream: make upstream-answers API=cloudbeds UPSTREAM=file [N=50] [SEED=1] [STRICT=1]
	@scripts/upstream-answers.sh "$(API)" "$(UPSTREAM)" $(if $(N),-n $(N)) $(if $(SEED),-seed $(SEED)) $(if $(STRICT),--strict)

breaking: ## fail on unacknowledged breaking spec changes: make breaking BASE=<git ref>
	@scripts/breaking.sh "$(BASE)"

api-report: ## rewrite the exported Go API report under api/
	@scripts/api-report.sh
