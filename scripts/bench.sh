#!/usr/bin/env bash
# Runs the benchmark suite and writes bench/RESULTS.md: machine, Go version, date, a table of the
# figures (per-call overhead ratios, token fetching, rate-limit efficiency, fleet mode, sandbox
# throughput against Stoplight Prism, generation time), CPU and allocation profile summaries,
# benchstat against the previous run, and the raw `go test -bench` output (also kept in
# bench/last.txt).
# Everything runs on loopback; the whole run takes a few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
RESULTS=bench/RESULTS.md
LAST=bench/last.txt

tmp=$(mktemp -d)
prism_pids=()
stop_prism() {
	local pid
	for pid in "${prism_pids[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	prism_pids=()
}
cleanup() {
	stop_prism
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

raw="$tmp/new.txt"
: >"$raw"
failures=()

# run NAME ARGS...: go test with ARGS, output appended to the raw file and echoed; a failure is
# recorded, not fatal, so that RESULTS.md is written anyway.
run() {
	local name=$1
	shift
	echo "bench: $name" >&2
	if ! go test -run '^$' "$@" 2>&1 | tee -a "$raw"; then
		failures+=("$name")
	fi
}

# runb NAME ARGS...: run for package bench, which is its own module (it needs the sandbox).
runb() {
	local name=$1
	shift
	echo "bench: $name" >&2
	if ! go -C bench test -run '^$' "$@" . 2>&1 | tee -a "$raw"; then
		failures+=("$name")
	fi
}

# 1. Per-call overhead and decoding alone: seven separate runs of one test binary (rather than
# -count=7, which would run all rounds of one benchmark before the next). The time ratios come
# from BenchmarkCallPaired, which interleaves SDK and hand-written calls call by call, so that a
# noisy neighbour on the host slows both sides alike; BenchmarkCall gives the memory figures.
echo "bench: per-call overhead" >&2
if go -C bench test -c -o "$tmp/call.test" . 2>&1 | tee -a "$raw"; then
	for _ in 1 2 3 4 5 6 7; do
		if ! (cd bench && "$tmp/call.test" -test.run '^$' -test.bench '^(BenchmarkCall|BenchmarkCallPaired|BenchmarkDecode)$' \
			-test.benchmem -test.count=1) 2>&1 | tee -a "$raw"; then
			failures+=("per-call overhead")
			break
		fi
	done
else
	failures+=("per-call overhead")
fi
# 2. Token fetching under concurrency.
runb "token fetching" -bench '^BenchmarkTokenColdCache$' -benchmem -count=3
# 3. Rate-limit efficiency: 60 calls (about 3 s) per run.
runb "rate limit" -bench '^BenchmarkRateLimit$' -benchtime=1x -count=3
# 3b. Fleet mode (issue 14): one 20 s run of 8 processes × 4 connections sharing a FileStore, the
# shared limiter's cost per call, a Redis round trip against in-process, and the share of the limit
# that 4 processes sharing it use, one 20 s run (nested module).
runb "fleet token refresh" -bench '^BenchmarkFleetFileStore$' -benchtime=1x
echo "bench: shared limiter overhead" >&2
(cd stores/redis && go test -run '^$' -bench '^BenchmarkLimiterReserve$' -benchmem -count=3 .) 2>&1 | tee -a "$raw" ||
	failures+=("shared limiter overhead")
echo "bench: shared limiter fleet" >&2
(cd stores/redis && HOSPITALITY_FLEET_DURATION=20s go test -run '^$' -bench '^BenchmarkLimiterFleet$' -benchtime=1x .) 2>&1 | tee -a "$raw" ||
	failures+=("shared limiter fleet")
# 4. Sandbox throughput against Stoplight Prism serving the same documents: one Prism mock per
# document, all started before the run; BenchmarkSandbox sends each round to the sandbox and to
# Prism in turn (same workers, same request count), so each ratio is measured side by side.
# Without Prism it measures the sandbox alone. Then the sandbox's own cost per request
# (BenchmarkSandboxHandler: time and allocations, no network).
prism_note=""
prism_env=()
prism_status=0
scripts/prism.sh install || prism_status=$?
if [ "$prism_status" -eq 0 ]; then
	port=4510
	free_port() {
		while (: >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
	}
	declare -A prism_ports=()
	for doc in octotable cloudbeds cobot; do
		free_port
		prism_ports[$doc]=$port
		scripts/prism.sh mock "specs/$doc.yaml" "$port" >"$tmp/prism-$doc.log" 2>&1 &
		prism_pids+=($!)
		port=$((port + 1))
	done
	for doc in octotable cloudbeds cobot; do
		up=""
		for _ in $(seq 1 240); do
			if (: >"/dev/tcp/127.0.0.1/${prism_ports[$doc]}") 2>/dev/null; then
				up=1
				break
			fi
			sleep 0.25
		done
		if [ -z "$up" ]; then
			prism_note="${prism_note:+$prism_note; }prism mock of specs/$doc.yaml did not start"
			echo "bench: prism mock of specs/$doc.yaml did not start:" >&2
			tail -n 20 "$tmp/prism-$doc.log" >&2 || true
			continue
		fi
		prism_env+=("HOSPITALITY_BENCH_PRISM_${doc^^}=http://127.0.0.1:${prism_ports[$doc]}")
	done
else
	prism_note="npm is unavailable or the install of @stoplight/prism-cli failed (scripts/prism.sh install)"
	echo "bench: Prism skipped: $prism_note" >&2
fi
# BenchmarkSandbox's load generator writes a request prepared once on one keep-alive connection per
# worker and discards the answers as it reads them (bench/loadgen_test.go); BenchmarkSandboxNetHTTP
# sends the same rounds with a net/http client, the generator used before, for comparison.
for e in "${prism_env[@]}"; do export "${e?}"; done
runb "sandbox throughput vs Prism" -bench '^BenchmarkSandbox$' -benchtime=1x -count=3
runb "sandbox throughput vs Prism, net/http generator" -bench '^BenchmarkSandboxNetHTTP$' -benchtime=1x -count=1
for e in "${prism_env[@]}"; do unset "${e%%=*}"; done
stop_prism
runb "sandbox cost per request" -bench '^BenchmarkSandboxHandler$' -benchmem -benchtime=0.5s -count=3

# The packages' own micro-benchmarks (transport chain, wire types, form encoder), briefly.
# Nested modules (their own go.mod) are left out: go test runs the SDK module's packages only.
mapfile -t pkgs < <(grep -rl --include='*_test.go' --exclude-dir=.git --exclude-dir=bench '^func Benchmark' . |
	xargs -r -n1 dirname | sort -u |
	grep -Fxf <(go list -f '{{.Dir}}' ./... | sed "s|^$PWD|.|") || true)
if [ ${#pkgs[@]} -gt 0 ]; then
	run "package micro-benchmarks" -bench . -benchmem -benchtime=200ms "${pkgs[@]}"
fi

# Profiles of the SDK side of the per-call benchmarks (the in-process server is included).
echo "bench: profiles" >&2
prof_cpu="" prof_mem_large="" prof_mem_small=""
if go -C bench test -run '^$' -bench '^BenchmarkCall$/^CloudbedsReservations$/^SDK$' -benchtime=3s \
	-cpuprofile "$tmp/cpu.prof" -memprofile "$tmp/mem.prof" -o "$tmp/bench.test" . >/dev/null 2>&1; then
	prof_cpu=$(go tool pprof -top -nodecount=25 "$tmp/bench.test" "$tmp/cpu.prof" 2>/dev/null || true)
	prof_mem_large=$(go tool pprof -sample_index=alloc_objects -top -nodecount=20 "$tmp/bench.test" "$tmp/mem.prof" 2>/dev/null || true)
fi
if go -C bench test -run '^$' -bench '^BenchmarkCall$/^KobasVenues$/^SDK$' -benchtime=3s \
	-memprofile "$tmp/mem-small.prof" -o "$tmp/bench.test" . >/dev/null 2>&1; then
	prof_mem_small=$(go tool pprof -sample_index=alloc_objects -top -nodecount=25 "$tmp/bench.test" "$tmp/mem-small.prof" 2>/dev/null || true)
fi

# Profiles of the sandbox: what its own work per request went to (CPU, what serveAPI spent its
# time on, and allocation sites; the handler called directly), in the form of
# bench/testdata/sandbox-before-profiles.txt, and the slowest write under the loopback load, which
# adds the HTTP stack, the load generator and the garbage collector.
prof_sb="" prof_sb_load=""
for op in OctotableRead OctotableWrite CloudbedsGetReservations CloudbedsPostGuest CobotCreateBooking; do
	if go -C bench test -run '^$' -bench "^BenchmarkSandboxHandler\$/^$op\$" -benchtime=1s -benchmem \
		-cpuprofile "$tmp/sb-cpu.prof" -memprofile "$tmp/sb-mem.prof" -o "$tmp/bench.test" . >"$tmp/sb.txt" 2>&1; then
		prof_sb+=$'\n'"== $op: $(grep '^Benchmark' "$tmp/sb.txt" | awk '{print $3, $4, $5, $6, $7, $8}')"$'\n'
		prof_sb+=$(go tool pprof -peek 'sandbox.\(\*Server\).serveAPI$' "$tmp/bench.test" "$tmp/sb-cpu.prof" 2>/dev/null |
			grep -E '\|   ' | grep -v 'mount.func' | head -12 || true)
		prof_sb+=$'\n'"-- allocations (alloc_objects)"$'\n'
		prof_sb+=$(go tool pprof -sample_index=alloc_objects -top -nodecount=8 "$tmp/bench.test" "$tmp/sb-mem.prof" 2>/dev/null | tail -8 || true)
		prof_sb+=$'\n'
	fi
done
if go -C bench test -run '^$' -bench '^BenchmarkSandbox$/^OctotableWrite$' -benchtime=2x \
	-cpuprofile "$tmp/sb-load.prof" -o "$tmp/bench.test" . >/dev/null 2>&1; then
	prof_sb_load=$(go tool pprof -top -nodecount=30 "$tmp/bench.test" "$tmp/sb-load.prof" 2>/dev/null || true)
fi

# 5. Generation: scripts/generate.sh in a copy of the tree (so the working tree is left alone),
# one warm-up run, then three timed runs.
echo "bench: generation" >&2
gen_apis=$(grep -o '^//go:generate .* -config gen/[^/]*/' generate.go | sed 's|.*gen/\([^/]*\)/|\1|' | paste -sd, - || true)
gen_times=""
gen_tree="$tmp/tree"
mkdir -p "$gen_tree"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$gen_tree" || true
if ! (cd "$gen_tree" && scripts/generate.sh >/dev/null 2>&1); then
	gen_times="failed"
	failures+=("generation")
elif command -v hyperfine >/dev/null 2>&1; then
	if (cd "$gen_tree" && hyperfine --runs 3 --export-json "$tmp/gen.json" scripts/generate.sh >&2); then
		gen_times=$(tr -d ' \n' <"$tmp/gen.json" | grep -o '"times":\[[^]]*\]' | head -1 | sed 's/"times":\[\(.*\)\]/\1/')
	else
		gen_times="failed"
		failures+=("generation")
	fi
else
	for _ in 1 2 3; do
		start=$(date +%s.%N)
		if ! (cd "$gen_tree" && scripts/generate.sh >/dev/null 2>&1); then
			gen_times="failed"
			failures+=("generation")
			break
		fi
		end=$(date +%s.%N)
		gen_times="${gen_times:+$gen_times,}$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')"
	done
fi

# Keep the raw output; compare with the previous run when there is one.
benchstat_out=""
if [ -f "$LAST" ]; then
	cp "$LAST" "$tmp/old.txt"
	benchstat_out=$(go run "$BENCHSTAT" "$tmp/old.txt" "$raw" 2>&1) || benchstat_out="benchstat failed: $benchstat_out"
fi
cp "$raw" "$LAST"

# 6. What a consumer pays (issue 13): module graph, first download and cold build of a program on
# the root package and gen/kobas, beside the same program on x/oauth2 (scripts/consumer-weight.sh).
echo "bench: consumer weight" >&2
if ! consumer=$(scripts/consumer-weight.sh 2>&1); then
	failures+=("consumer weight")
fi

summary=$(go -C bench run ./cmd/summary -gen "$gen_times" -gen-apis "${gen_apis:-none}" -prism "$prism_note" \
	-sandbox-before testdata/sandbox-before.txt <"$raw")

{
	echo "# Benchmark results"
	echo
	echo "Written by \`make bench\` (scripts/bench.sh); do not edit by hand. Everything runs on loopback on"
	echo "this machine, so the absolute figures vary from run to run; the ratios are the point."
	echo
	echo "| | |"
	echo "|---|---|"
	echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
	echo "| machine | $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: *//'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM |"
	echo "| load average at the end | $(cut -d' ' -f1-3 /proc/loadavg) |"
	echo "| Go | $(go version | sed 's/^go version //') |"
	echo "| commit | $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)') |"
	echo
	if [ ${#failures[@]} -gt 0 ]; then
		echo "**Failed steps:** ${failures[*]} (see the raw output)."
		echo
	fi
	echo "## Figures"
	echo
	echo "$summary"
	echo "## What a consumer builds"
	echo
	echo "An outside module importing the root package and gen/kobas (ConnectKobas and one call) against the"
	echo "same program on golang.org/x/oauth2/clientcredentials; empty module and build caches."
	echo
	echo "$consumer"
	echo
	echo "## Profiles"
	echo
	echo "The profiles are of the benchmark process, which also runs the loopback server."
	echo
	echo "<details><summary>CPU, BenchmarkCall/CloudbedsReservations/SDK (go tool pprof -top)</summary>"
	echo
	echo '```'
	echo "${prof_cpu:-not recorded}"
	echo '```'
	echo "</details>"
	echo
	echo "<details><summary>Allocations, BenchmarkCall/CloudbedsReservations/SDK (-sample_index=alloc_objects)</summary>"
	echo
	echo '```'
	echo "${prof_mem_large:-not recorded}"
	echo '```'
	echo "</details>"
	echo
	echo "<details><summary>Allocations, BenchmarkCall/KobasVenues/SDK (-sample_index=alloc_objects)</summary>"
	echo
	echo '```'
	echo "${prof_mem_small:-not recorded}"
	echo '```'
	echo "</details>"
	echo
	echo "<details><summary>Sandbox, per request (BenchmarkSandboxHandler): what serveAPI spent its time on, allocation sites</summary>"
	echo
	echo '```'
	echo "${prof_sb:-not recorded}"
	echo '```'
	echo "</details>"
	echo
	echo "<details><summary>Sandbox CPU under load, BenchmarkSandbox/OctotableWrite without Prism (go tool pprof -top)</summary>"
	echo
	echo '```'
	echo "${prof_sb_load:-not recorded}"
	echo '```'
	echo "</details>"
	echo
	echo "<details><summary>Sandbox profiles before the changes of issue 19 (bench/testdata/sandbox-before-profiles.txt)</summary>"
	echo
	echo '```'
	cat bench/testdata/sandbox-before-profiles.txt 2>/dev/null || echo "not recorded"
	echo '```'
	echo "</details>"
	echo
	echo "## Compared with the previous run"
	echo
	if [ -n "$benchstat_out" ]; then
		echo '```'
		echo "$benchstat_out"
		echo '```'
	else
		echo "No previous bench/last.txt on this machine; the next run compares with this one."
	fi
	echo
	echo "## Raw output"
	echo
	echo '```'
	cat "$raw"
	echo '```'
} >"$RESULTS"

echo "bench: wrote $RESULTS and $LAST" >&2
if [ ${#failures[@]} -gt 0 ]; then
	echo "bench: failed steps: ${failures[*]}" >&2
	exit 1
fi
