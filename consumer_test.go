package hospitality_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxConsumerModules is what `go list -m all` lists (besides the consumer itself) for a program
// that imports the root package and gen/kobas. 21 is the floor while the generated code uses
// oapi-codegen's runtime: its go.mod names testify, and go-jsonmerge's pre-module-pruning go.mod
// pulls four more (see bench/RESULTS.md). It was 132 when one module held the generator and the
// sandbox.
const maxConsumerModules = 21

// heavyModules must never reach a consumer's module graph: the generator, the spec tooling, the
// sandbox's validator and the server frameworks oapi-codegen's runtime used to require.
var heavyModules = []string{
	"github.com/oapi-codegen/oapi-codegen/v2", "github.com/getkin/kin-openapi",
	"github.com/speakeasy-api/", "golang.org/x/tools", "github.com/gorilla/mux",
	"github.com/gin-gonic/gin", "github.com/labstack/echo", "github.com/kataras/iris",
	"github.com/spf13/cobra", "github.com/redis/", "github.com/jackc/", "go.opentelemetry.io/",
}

// Regression test for issue 13: an outside module importing the root package and one generated
// client must stay light. It runs offline from the module cache this module's build filled.
func TestConsumerModuleGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an outside module; not in -short")
	}
	repo, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/consumer\n\ngo 1.26.0\n\nrequire "+module+" v0.0.0\n\nreplace "+module+" => "+repo+"\n")
	write("main.go", `package main

import (
	"context"
	"fmt"

	hospitality "`+module+`"
	"`+module+`/gen/kobas"
)

func main() {
	c, err := kobas.New(hospitality.ConnectKobas(context.Background(), hospitality.KobasConfig{ClientID: "id", ClientSecret: "s", CompanyID: "1"}))
	if err != nil {
		fmt.Println(err)
		return
	}
	var res *kobas.ListVenuesResponse
	res, err = c.ListVenuesWithResponse(context.Background())
	fmt.Println(res != nil, err)
}
`)
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOSUMDB=off", "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd("mod", "tidy")
	mods := strings.Fields(goCmd("list", "-m", "-f", "{{.Path}}", "all"))[1:]
	if len(mods) > maxConsumerModules {
		t.Errorf("a consumer of the root package and gen/kobas has %d modules in its graph, want ≤ %d:\n%s",
			len(mods), maxConsumerModules, strings.Join(mods, "\n"))
	}
	for _, m := range mods {
		for _, h := range heavyModules {
			if strings.HasPrefix(m, h) {
				t.Errorf("a consumer's module graph holds %s; it must not reach consumers", m)
			}
		}
	}
	for _, p := range strings.Fields(goCmd("list", "-deps", ".")) {
		if strings.HasPrefix(p, module+"/sandbox") || strings.HasPrefix(p, module+"/internal/dev") {
			t.Errorf("the consumer builds %s", p)
		}
	}
}
