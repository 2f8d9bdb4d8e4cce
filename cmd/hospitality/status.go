package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

func newStatusCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show which credentials are stored (no secret printed)",
		Long: `status lists every stored sign-in, real and sandbox: the provider, how it signed in, the
client id, the properties, spaces or companies it covers, its scopes, when the token expires
and whether a refresh token exists. It never prints a token, key or secret.`,
		Example: "  hospitality status",
		Args:    exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return status(c.Context(), s)
		},
	}
}

func newLogoutCmd(s streams) *cobra.Command {
	var sandboxed bool
	c := &cobra.Command{
		Use:       "logout <provider>",
		Short:     "Forget a provider's stored token and settings",
		Example:   "  hospitality logout cloudbeds\n  hospitality logout cobot --sandbox",
		Args:      exactArgs(1),
		ValidArgs: providers,
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkProvider(args[0]); err != nil {
				return err
			}
			h, err := openHome(sandboxed)
			if err != nil {
				return err
			}
			had, err := h.remove(args[0])
			if err != nil {
				return err
			}
			where := ""
			if sandboxed {
				where = " (sandbox)"
			}
			if !had {
				fmt.Fprintf(s.out, "Not logged in to %s%s.\n", titles[args[0]], where)
				return nil
			}
			fmt.Fprintf(s.out, "Logged out of %s%s.\n", titles[args[0]], where)
			return nil
		},
	}
	c.Flags().BoolVar(&sandboxed, "sandbox", false, "forget the sandbox sign-in instead")
	return c
}

// status prints every stored profile of the real and sandbox homes.
func status(ctx context.Context, s streams) error {
	n := 0
	for _, sandboxed := range []bool{false, true} {
		h, err := openHome(sandboxed)
		if err != nil {
			return err
		}
		cf, err := h.load()
		if err != nil {
			return err
		}
		for _, p := range cf.sortedProfiles() {
			n++
			where := ""
			if sandboxed {
				where = " (sandbox, in-process)"
				if p.SandboxURL != "" {
					where = " (sandbox at " + p.SandboxURL + ")"
				}
			}
			fmt.Fprintf(s.out, "%s%s\n", titles[p.Provider], where)
			fmt.Fprintf(s.out, "  signed in   %s, %s\n", describeProfile(p), p.LoggedInAt.Local().Format(time.DateTime))
			if len(p.Scopes) > 0 {
				fmt.Fprintf(s.out, "  scopes      %s\n", strings.Join(p.Scopes, " "))
			}
			tok, err := h.store().Load(ctx, p.StoreKey)
			switch {
			case err != nil:
				fmt.Fprintf(s.out, "  token       unreadable: %v\n", err)
			case tok == nil:
				fmt.Fprintf(s.out, "  token       none stored: run hospitality login %s\n", p.Provider)
			default:
				exp := "does not expire"
				if !tok.Expiry.IsZero() {
					left := time.Until(tok.Expiry).Round(time.Second)
					if left > 0 {
						exp = fmt.Sprintf("expires %s (in %s)", tok.Expiry.Local().Format(time.DateTime), left)
					} else {
						exp = fmt.Sprintf("expired %s", tok.Expiry.Local().Format(time.DateTime))
					}
				}
				refresh := "no"
				if tok.RefreshToken != "" {
					refresh = "yes"
				}
				if sc, ok := tok.Extra("scope").(string); ok && sc != "" && len(p.Scopes) == 0 {
					fmt.Fprintf(s.out, "  scopes      %s\n", sc)
				}
				fmt.Fprintf(s.out, "  token       %s; refresh token: %s\n", exp, refresh)
			}
			secret := "not stored (given by flag, environment or prompt when needed)"
			switch {
			case p.Method == methodAPIKey:
				secret = "not needed"
			case p.ClientSecret != "":
				secret = "stored (--save-secret)"
			case sandboxed:
				secret = "the sandbox's"
			}
			fmt.Fprintf(s.out, "  secret      %s\n", secret)
		}
	}
	if n == 0 {
		fmt.Fprintln(s.out, "Not logged in. Try: hospitality login cloudbeds --sandbox")
	}
	return nil
}
