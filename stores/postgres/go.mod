module github.com/hospitality-sdk/hospitality-go/stores/postgres

go 1.26.0

replace github.com/hospitality-sdk/hospitality-go => ../..

require (
	github.com/hospitality-sdk/hospitality-go v0.0.0-00010101000000-000000000000
	github.com/jackc/pgx/v5 v5.13.0
	golang.org/x/oauth2 v0.37.0
)

require (
	github.com/coreos/go-oidc/v3 v3.21.0 // indirect
	github.com/go-jose/go-jose/v4 v4.1.4 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.3 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
