module github.com/hospitality-sdk/hospitality-go/drift

go 1.26.0

require (
	github.com/aymanbagabas/go-udiff v0.4.2
	github.com/getkin/kin-openapi v0.152.0
	github.com/hospitality-sdk/hospitality-go v0.0.0
	golang.org/x/time v0.16.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/go-openapi/jsonpointer v0.23.1 // indirect
	github.com/go-openapi/swag/jsonname v0.26.0 // indirect
	github.com/kr/pretty v0.3.1 // indirect
	github.com/oasdiff/yaml v0.1.1 // indirect
	github.com/oasdiff/yaml3 v0.0.14 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	golang.org/x/text v0.44.0 // indirect
)

replace github.com/hospitality-sdk/hospitality-go => ../
