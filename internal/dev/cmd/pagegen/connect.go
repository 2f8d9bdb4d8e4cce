package main

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
)

// connectName is the file holding New and Connection, which pagegen writes in the package
// directory.
const connectName = "connect.gen.go"

// includedName is the file holding Included, written for JSON:API packages only.
const includedName = "included.gen.go"

// connector is the root package's function that connects to the API, as -connect names it.
type connector struct {
	link string // doc link target, "" for none
	name string // its name (ConnectKobas), "" for none
	pkg  string // the name of its package as code calls it (hospitality)
}

// newConnector splits the doc link target of a -connect value into what the generated code
// and documentation need. The root package is called by its package name, hospitality.
func newConnector(link string) connector {
	if link == "" {
		return connector{}
	}
	i := strings.LastIndex(link, ".")
	path := link[:i]
	pkg := path[strings.LastIndex(path, "/")+1:]
	if strings.HasPrefix(pkg, "hospitality") {
		pkg = "hospitality"
	}
	return connector{link: link, name: link[i+1:], pkg: pkg}
}

// emitConnect renders connect.gen.go: the Connection interface a client is built on and New,
// which builds one, checking that the connection was made for this API.
func emitConnect(res *result, c connector) ([]byte, error) {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	pkg := res.pkgName
	w("%s\n\npackage %s\n\n", header, pkg)
	w("import (\n\t\"errors\"\n\t\"fmt\"\n)\n\n")

	made := "The SDK's root package builds no connection for this API; any value with these methods will do."
	call := fmt.Sprintf("c, err := %s.New(conn, nil)", pkg)
	if c.name != "" {
		made = fmt.Sprintf("[%s] returns one.", c.link)
		call = fmt.Sprintf("c, err := %s.New(%s.%s(ctx, cfg))", pkg, c.pkg, c.name)
	}
	writeDoc(&b, fmt.Sprintf("Connection is what a client of this package sends its requests through: the base URL the operations' paths are appended to, and a doer that authenticates each request, adds the headers the provider requires and applies the SDK's transport (retries, rate limits, typed errors). %s", made))
	w("type Connection interface {\n")
	w("\tHttpRequestDoer\n")
	w("\t// API names the API the connection was made for: the name of its generated package (%q).\n\tAPI() string\n", pkg)
	w("\t// BaseURL is the URL the operations' paths are appended to.\n\tBaseURL() string\n")
	w("}\n\n")

	writeDoc(&b, "New returns the client of this API that sends every request through conn. It takes the two results of the function that connects, so that the calls read as one:")
	w("//\n//\t%s\n//\n", call)
	writeDoc(&b, "A non-nil err is returned as is. New fails when conn is nil, has no base URL or was made for another API. To add request editors or other options, call [NewClientWithResponses] with conn.BaseURL() and [WithHTTPClient](conn).")
	w("func New(conn Connection, err error) (*ClientWithResponses, error) {\n")
	w("\tif err != nil {\n\t\treturn nil, err\n\t}\n")
	w("\tif conn == nil {\n\t\treturn nil, errors.New(%q)\n\t}\n", pkg+": nil connection")
	w("\tswitch api := conn.API(); api {\n\tcase %q:\n", pkg)
	w("\tcase \"\":\n\t\treturn nil, errors.New(%q)\n", pkg+": the connection names no API (a nil *Connection?)")
	w("\tdefault:\n\t\treturn nil, fmt.Errorf(%q, api)\n\t}\n", pkg+": the connection is for the %q API, not "+pkg)
	w("\tbase := conn.BaseURL()\n")
	w("\tif base == \"\" {\n\t\treturn nil, errors.New(%q)\n\t}\n", pkg+": the connection has no base URL")
	w("\treturn NewClientWithResponses(base, WithHTTPClient(conn))\n")
	w("}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format %s of %s: %w\n%s", connectName, pkg, err, b.Bytes())
	}
	return out, nil
}

// includedSource is Included, for packages with JSON:API compound documents: their
// ResourceIdentifier and generic IncludedResource types. %[1]s is the package name.
const includedSource = `
// Included returns the resource that ref names among the included resources of a compound
// document (an answer asked for with include=…), as T: a resource model of this package or any
// other type its JSON decodes into. Pass a to-one relationship's Data, or the address of one
// identifier of a to-many relationship's Data:
//
//	doc := res.ApplicationVndAPIJSON200 // an answer asked for with include=invoices
//	for _, id := range *doc.Data.Relationships.Invoices.Data {
//		inv, err := %[1]s.Included[%[1]s.Invoice](doc.Included, &id)
//		…
//	}
//
// included may hold typed resources ([]Invoice), unions told apart by their type (their
// ValueByDiscriminator method) or generic resources ([]IncludedResource, decoded as T). The error
// wraps [wire.ErrNotIncluded] when ref is nil or no included resource has its type and id; it
// names both types when the resource found is not a T.
func Included[T any, I any](included *[]I, ref *ResourceIdentifier) (T, error) {
	var zero T
	if ref == nil {
		return zero, fmt.Errorf("%%w: the relationship links nothing", wire.ErrNotIncluded)
	}
	if included != nil {
		for _, item := range *included {
			raw, err := json.Marshal(item)
			if err != nil {
				return zero, fmt.Errorf("%[1]s: included %%s %%s: %%w", ref.Type, ref.ID, err)
			}
			var head struct {
				ID   string ` + "`json:\"id\"`" + `
				Type string ` + "`json:\"type\"`" + `
			}
			if json.Unmarshal(raw, &head) != nil || head.ID != ref.ID || head.Type != ref.Type {
				continue
			}
			return includedAs[T](item, raw, ref)
		}
	}
	return zero, fmt.Errorf("%%w: %%s %%s", wire.ErrNotIncluded, ref.Type, ref.ID)
}

// includedAs converts the included resource item (its JSON is raw) to T.
func includedAs[T any](item any, raw []byte, ref *ResourceIdentifier) (T, error) {
	var zero T
	v := item
	if u, ok := item.(interface{ ValueByDiscriminator() (interface{}, error) }); ok {
		var err error
		if v, err = u.ValueByDiscriminator(); err != nil {
			return zero, fmt.Errorf("%[1]s: included %%s %%s: %%w", ref.Type, ref.ID, err)
		}
	}
	if t, ok := v.(T); ok {
		return t, nil
	}
	if _, ok := v.(IncludedResource); ok {
		var t T
		if err := json.Unmarshal(raw, &t); err != nil {
			return zero, fmt.Errorf("%[1]s: included %%s %%s as %%T: %%w", ref.Type, ref.ID, zero, err)
		}
		return t, nil
	}
	return zero, fmt.Errorf("%[1]s: included %%s %%s is a %%T, not a %%T", ref.Type, ref.ID, v, zero)
}
`

// emitIncluded renders included.gen.go for a JSON:API package, or nil for any other.
func emitIncluded(res *result) ([]byte, error) {
	if !res.jsonAPIIncluded {
		return nil, nil
	}
	var b bytes.Buffer
	// encoding/json/v1 of go-json-experiment, as the generated client decodes (imports.tmpl).
	fmt.Fprintf(&b, "%s\n\npackage %s\n\nimport (\n\t\"fmt\"\n\n\tjson %q\n\n\t%q\n)\n", header, res.pkgName, jsonV1Path, wirePath(res.module))
	fmt.Fprintf(&b, includedSource, res.pkgName)
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format %s of %s: %w\n%s", includedName, res.pkgName, err, b.Bytes())
	}
	return out, nil
}

// jsonV1Path is the encoding/json-compatible package the generated clients use.
const jsonV1Path = "github.com/go-json-experiment/json/v1"

// wirePath is the import path of the SDK's wire package in module.
func wirePath(module string) string { return module + "/wire" }
