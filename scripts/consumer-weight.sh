#!/usr/bin/env bash
# Measures what a new user pays for the SDK (issue 13): an outside module that imports the root
# package and gen/kobas, builds a Kobas client and makes one call, against the same program on
# golang.org/x/oauth2/clientcredentials. For each: requirements in its go.mod, modules in
# `go list -m all`, megabytes the first `go mod tidy` downloads into an empty module cache, and a
# cold `go build` (empty build cache; best of three). Prints a Markdown table; bench.sh adds it to
# bench/RESULTS.md. Needs the Go module proxy (the downloads are part of the measurement).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

mkdir -p "$tmp/sdk" "$tmp/oauth2"
cat >"$tmp/sdk/go.mod" <<MOD
module example.com/consumer

go 1.26.0

require github.com/hospitality-sdk/hospitality-go v0.0.0

replace github.com/hospitality-sdk/hospitality-go => $repo
MOD
cat >"$tmp/sdk/main.go" <<'GO'
package main

import (
	"context"
	"fmt"
	"os"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
)

func main() {
	ctx := context.Background()
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: os.Getenv("KOBAS_CLIENT_ID"), ClientSecret: os.Getenv("KOBAS_CLIENT_SECRET"), CompanyID: "1234",
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	var res *kobas.ListVenuesResponse
	res, err = c.ListVenuesWithResponse(ctx)
	fmt.Println(res != nil, err)
}
GO
cat >"$tmp/oauth2/go.mod" <<'MOD'
module example.com/consumer

go 1.26.0
MOD
cat >"$tmp/oauth2/main.go" <<'GO'
package main

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/oauth2/clientcredentials"
)

func main() {
	cfg := clientcredentials.Config{ClientID: os.Getenv("ID"), ClientSecret: os.Getenv("SECRET"), TokenURL: "https://example.com/token"}
	res, err := cfg.Client(context.Background()).Get("https://example.com/api/venues")
	fmt.Println(res != nil, err)
}
GO
(cd "$tmp/oauth2" && GOFLAGS=-mod=mod go get golang.org/x/oauth2@latest >/dev/null 2>&1)

row() {
	local name=$1 dir=$2
	local cache="$tmp/modcache-$name"
	(cd "$dir" && GOMODCACHE="$cache" GOFLAGS=-modcacherw go mod tidy >/dev/null 2>&1)
	local mb reqs mods best=""
	mb=$(du -sm "$cache" | cut -f1)
	reqs=$(cd "$dir" && go mod edit -json | grep -c '"Path":' || true)
	reqs=$((reqs - 1)) # the module's own path
	mods=$(cd "$dir" && GOMODCACHE="$cache" go list -m all | tail -n +2 | wc -l)
	for _ in 1 2; do
		local gocache="$tmp/gocache-$name"
		rm -rf "$gocache"
		local s e t
		s=$(date +%s.%N)
		(cd "$dir" && GOCACHE="$gocache" GOMODCACHE="$cache" go build -o /dev/null .)
		e=$(date +%s.%N)
		t=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
	done
	local heavy
	heavy=$(cd "$dir" && GOMODCACHE="$cache" go list -m all | grep -E 'oapi-codegen/v2|kin-openapi|speakeasy|x/tools|gin-gonic|labstack/echo|kataras/iris|gorilla/mux' | paste -sd, - || true)
	echo "| $name | $reqs | $mods | $mb MB | $best s | ${heavy:-none} |"
	echo "$best" >>"$tmp/times"
}

echo "| consumer | go.mod requirements | modules in go list -m all | first go mod tidy downloads | cold build (best of 2) | generator or server framework in the graph |"
echo "|---|---:|---:|---:|---:|---|"
row "root + gen/kobas" "$tmp/sdk"
row "x/oauth2 clientcredentials" "$tmp/oauth2"
awk '{t[NR]=$1} END { if (t[2] > 0) printf "\nCold build ratio: %.2f× the x/oauth2 program.\n", t[1] / t[2] }' "$tmp/times"
(cd "$tmp/sdk" && echo && echo "Modules of the SDK consumer:" && GOMODCACHE="$tmp/modcache-root + gen/kobas" go list -m all | tail -n +2 | sed 's/^/    /')
