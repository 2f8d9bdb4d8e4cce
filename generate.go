package hospitality

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/kobas/oapi-codegen.yaml specs/kobas.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/octotable/oapi-codegen.yaml specs/octotable.yaml
