package breaking_test

import (
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/breaking"
)

func ExampleUnacknowledged() {
	// The output of `oasdiff breaking --format json` for specs/kobas.yaml.
	out := `[{"id":"api-path-removed-without-deprecation","text":"api path removed without deprecation","level":3,"operation":"GET","path":"/customer/search"},
{"id":"request-parameter-became-required","text":"the 'site' query parameter became required","level":3,"operation":"GET","path":"/venues"}]`
	changes, err := breaking.Parse("kobas", []byte(out))
	if err != nil {
		fmt.Println(err)
		return
	}
	changelog := "## [Unreleased]\n\n### Breaking\n\n" +
		"- `kobas: api-path-removed-without-deprecation GET /customer/search` Kobas retired it.\n"
	for _, c := range breaking.Unacknowledged(changes, breaking.Acknowledged([]byte(changelog))) {
		fmt.Println(c.Token())
	}
	// Output:
	// kobas: request-parameter-became-required GET /venues
}
