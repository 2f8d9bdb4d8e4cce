package upstreamdiff_test

import (
	"fmt"
	"os"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/upstreamdiff"
)

func ExampleCompare() {
	ours := `openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /rooms:
    get:
      operationId: listRooms
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: array
                    items:
                      type: object
                      properties: {id: {type: string}}
`
	upstream := `openapi: 3.1.0
info: {title: upstream, version: "2"}
paths:
  /rooms:
    get:
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: array
                    items:
                      type: object
                      properties: {id: {type: string}, beds: {type: integer}}
              example: {data: [{id: 7}]}
  /rooms/{id}:
    delete:
      responses: {"204": {description: gone}}
`
	r, err := upstreamdiff.Compare([]byte(ours), []byte(upstream))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("missing operations:", r.Missing())
	r.Write(os.Stdout)
	// Output:
	// missing operations: 1
	// ours: OpenAPI 3.0.3, upstream: OpenAPI 3.1.0
	//
	// operations      upstream    2  ours    1  matched    1  (50.0% of upstream, 100.0% of ours)
	// parameters      upstream    1  ours    0  matched    0  (0.0% of upstream; in matched operations)
	// request fields  upstream    0  ours    0  matched    0  (n/a of upstream; in matched operations)
	// response fields upstream    3  ours    2  matched    2  (66.7% of upstream; in matched operations)
	// response paths  upstream    3  ours    2  matched    2  (66.7% of upstream; in matched operations)
	// examples        upstream 2xx examples our schemas accept: 0 of 1 (0.0%)
	//
	// Upstream has, we lack: 1 operation(s)
	//   DELETE  /rooms/{id}
	//
	// We have, upstream lacks: 0 operation(s)
	//
	// Differences in matched operations (+ upstream only, - ours only):
	//   GET /rooms  (listRooms)
	//     parameters + query:page
	//     response fields + data.beds
	//     response paths + data[].beds
	//     example 200 "example" rejected: at /data/0/id: value must be a string
}
