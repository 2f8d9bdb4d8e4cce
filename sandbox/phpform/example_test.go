package phpform_test

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/sandbox/phpform"
)

// BodyDecoder is registered with openapi3filter.RegisterBodyDecoder for phpform.MediaType; here
// it is called directly on a body with an array of objects.
func ExampleBodyDecoder() {
	room := openapi3.NewObjectSchema().
		WithProperty("roomTypeID", openapi3.NewIntegerSchema()).
		WithProperty("quantity", openapi3.NewIntegerSchema())
	schema := openapi3.NewObjectSchema().
		WithProperty("startDate", openapi3.NewStringSchema()).
		WithProperty("rooms", openapi3.NewArraySchema().WithItems(room))

	body := "startDate=2025-06-12&rooms%5B0%5D%5BroomTypeID%5D=77&rooms%5B0%5D%5Bquantity%5D=1"
	v, err := phpform.BodyDecoder(strings.NewReader(body), nil, openapi3.NewSchemaRef("", schema), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	tree := v.(map[string]any)
	r := tree["rooms"].([]any)[0].(map[string]any)
	fmt.Printf("%s %T %d\n", tree["startDate"], r["roomTypeID"], r["quantity"])
	// Output: 2025-06-12 int64 1
}
