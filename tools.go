//go:build ignore

// tools.go names the code generator this repository runs. It is a list for readers, not a pin:
// the generator's version is pinned by the tool directive in internal/dev/go.mod (the development
// module), so that a program importing the SDK never finds oapi-codegen, kin-openapi or their
// dependencies in its module graph. `make generate` runs it with
// `go tool -modfile=internal/dev/go.mod oapi-codegen` (see generate.go).

package hospitality

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
