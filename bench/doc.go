// Package bench holds the SDK's benchmarks; it has no API. Run them with `make bench`, which
// runs scripts/bench.sh and writes bench/RESULTS.md, or directly:
//
//	go test -run '^$' -bench . -benchmem ./bench/
//
// The benchmarks run on loopback only:
//
//   - BenchmarkCall: a typed SDK call through the constructor-built client against a hand-written
//     net/http + encoding/json call, same request, same canned loopback server.
//   - BenchmarkDecode: the response decoding of BenchmarkCall alone, generated (lenient) types
//     against plain structs.
//   - BenchmarkTokenColdCache: 1000 goroutines on a cold token cache; reports token requests.
//   - BenchmarkRateLimit: one client configured to a fake's Cobot-style limit; reports the share
//     of the limit achieved and the 429s received.
//   - BenchmarkSandbox: requests per second the validating sandbox serves, each round paired with
//     the same round sent to a Stoplight Prism mock of the same document when
//     HOSPITALITY_BENCH_PRISM_OCTOTABLE, _CLOUDBEDS or _COBOT is set (scripts/bench.sh sets them);
//     BenchmarkSandboxHandler: the sandbox's own time and allocations per request, no network.
package bench
