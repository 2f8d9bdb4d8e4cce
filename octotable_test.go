package hospitality_test

import (
	"context"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
)

func TestNewOctotableConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  hospitality.OctotableConfig
		want string
	}{
		{"missing property", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s"}, "PropertyID is required"},
		{"negative property", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s", PropertyID: -1}, "PropertyID is required"},
		{"missing client id", hospitality.OctotableConfig{ClientSecret: "s", PropertyID: 7}, "ClientID"},
		{"missing client secret", hospitality.OctotableConfig{ClientID: "id", PropertyID: 7}, "ClientSecret"},
		{"plain http token url", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s", PropertyID: 7, TokenURL: "http://auth.example/oauth2/token"}, "https"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := hospitality.NewOctotable(context.Background(), tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "hospitality: octotable: ") {
				t.Errorf("NewOctotable(%+v) error = %v, want one naming %q", tc.cfg, err, tc.want)
			}
		})
	}
}
