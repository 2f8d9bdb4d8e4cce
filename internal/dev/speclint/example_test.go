package speclint_test

import (
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/speclint"
)

func ExampleSpec() {
	doc := `openapi: 3.0.3
info: {title: demo, version: "1"}
paths:
  /ping:
    get:
      operationId: ping
      tags: [Health]
      security: []
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                x-go-type: Pong
                properties:
                  ok: {type: boolean}
              example: {ok: "yes"}
`
	for _, p := range speclint.Spec("specs/demo.yaml", []byte(doc)) {
		fmt.Println(p)
	}
	// Output:
	// specs/demo.yaml:5: $.paths['/ping'].get: operation has no summary
	// specs/demo.yaml:16: $.paths['/ping'].get.responses['200'].content['application/json'].schema['x-go-type']: generator extension x-go-type belongs in the overlay, not the spec
	// specs/demo.yaml:19: $.paths['/ping'].get.responses['200'].content['application/json'].example: example does not match its schema: at /ok: value must be a boolean
}
