module github.com/hospitality-sdk/hospitality-go/cmd/hospitality

go 1.26.0

require (
	github.com/getkin/kin-openapi v0.152.0
	github.com/hospitality-sdk/hospitality-go v0.0.0
	github.com/hospitality-sdk/hospitality-go/drift v0.0.0
	github.com/itchyny/gojq v0.12.20
	github.com/spf13/cobra v1.10.2
	golang.org/x/oauth2 v0.37.0
	golang.org/x/term v0.48.0
)

require (
	github.com/aymanbagabas/go-udiff v0.4.2 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/coreos/go-oidc/v3 v3.21.0 // indirect
	github.com/go-jose/go-jose/v4 v4.1.4 // indirect
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/go-openapi/jsonpointer v0.23.1 // indirect
	github.com/go-openapi/swag/jsonname v0.26.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/gorilla/mux v1.8.0 // indirect
	github.com/hospitality-sdk/hospitality-go/sandbox v0.0.0-00010101000000-000000000000
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/itchyny/timefmt-go v0.1.9 // indirect
	github.com/oapi-codegen/runtime v1.9.0 // indirect
	github.com/oasdiff/yaml v0.1.1 // indirect
	github.com/oasdiff/yaml3 v0.0.14 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/spf13/pflag v1.0.9 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)

replace github.com/hospitality-sdk/hospitality-go => ../..

replace github.com/hospitality-sdk/hospitality-go/sandbox => ../../sandbox

replace github.com/hospitality-sdk/hospitality-go/drift => ../../drift
