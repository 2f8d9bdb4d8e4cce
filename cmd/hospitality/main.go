// Command hospitality is the SDK's companion tool: sign in once, then call any operation of any
// API from the terminal, driven by the same OpenAPI documents the typed clients are generated
// from.
//
// Usage:
//
//	hospitality login <provider> [--sandbox]       sign in (Cloudbeds, Cobot, Kobas, OctoTable)
//	hospitality status                             what is stored (no secret printed)
//	hospitality logout <provider>                  forget a provider's credentials
//	hospitality api <api> <operation> [flags]      call any operation, checked against the spec
//	hospitality ops <api> [words]                  search operations
//	hospitality webhooks send <provider> <event>   post a realistic delivery to a local handler
//	hospitality webhooks subscribe <provider> <event> --to <url>
//	                                               subscribe a callback (Cloudbeds, Cobot API 1)
//	hospitality webhooks list <provider>           list the subscriptions
//	hospitality webhooks unsubscribe <provider> <id>
//	                                               remove one
//	hospitality drift report <files>...            print collected drift reports; with --answer,
//	                                               the spec change a captured answer implies
//	hospitality sandbox [--addr host:port]         serve the sandbox on loopback until interrupted
//	hospitality demo                               run each provider's flow against a sandbox
//	hospitality completion bash|zsh|fish|powershell
//
// Exit codes: 0 success, 1 the API (or the network) failed, 2 usage error, 3 authentication
// required.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes of the command, documented in --help and the README.
const (
	exitOK    = 0
	exitAPI   = 1
	exitUsage = 2
	exitAuth  = 3
)

// exitError carries the exit code an error should end the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as a usage error (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// authError marks err as "authentication required" (exit code 3).
func authError(format string, args ...any) error {
	return &exitError{code: exitAuth, err: fmt.Errorf(format, args...)}
}

// streams are the command's standard files; tests substitute them.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

func main() {
	os.Exit(execute(context.Background(), os.Args[1:], streams{in: os.Stdin, out: os.Stdout, err: os.Stderr}))
}

// execute runs the command line args and returns the exit code, printing any error to stderr.
func execute(ctx context.Context, args []string, s streams) int {
	err := run(ctx, args, s)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(s.err, "hospitality:", err)
	return exitCode(err)
}

// exitCode maps an error to the exit code it ends the process with.
func exitCode(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitAPI
}

// run parses args and runs the command they name.
func run(ctx context.Context, args []string, s streams) error {
	root := newRoot(s)
	root.SetArgs(normalizeArgs(args))
	return root.ExecuteContext(ctx)
}

// normalizeArgs accepts the single-dash spelling of the sandbox command's -addr flag, which
// earlier versions documented.
func normalizeArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "-addr" || strings.HasPrefix(a, "-addr=") {
			a = "-" + a
		}
		out[i] = a
	}
	return out
}

const rootLong = `hospitality is the companion of the hospitality-go SDK: sign in once, then call any operation
of the Cloudbeds, Cobot, Kobas and OctoTable APIs from the terminal. Parameters and bodies are
checked against the same OpenAPI documents the SDK is generated from, and requests go through
the SDK's transport: authentication and refresh, rate limits, retries and redaction.

Every command can be tried without an account: --sandbox starts the SDK's sandbox in-process
(or uses the one HOSPITALITY_SANDBOX_URL names, started with "hospitality sandbox").

Exit codes:
  0  success
  1  the API answered with an error, or the network failed
  2  usage error (unknown command, operation, parameter; a missing or mistyped value)
  3  authentication required (not signed in, or the credential can no longer be renewed)`

const rootExample = `  hospitality login cloudbeds --sandbox
  hospitality api cloudbeds getReservations --paginate
  hospitality api kobas listStaff -p limit=2 --paginate --jq '.name'
  hospitality ops cobot bookings
  hospitality status`

func newRoot(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "hospitality",
		Short:         "Sign in once, call any operation of any hospitality API",
		Long:          rootLong,
		Example:       rootExample,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%s: %w (see %s --help)", c.CommandPath(), err, c.CommandPath())
	})
	root.AddCommand(
		newLoginCmd(s), newLogoutCmd(s), newStatusCmd(s),
		newAPICmd(s), newOpsCmd(s), newWebhooksCmd(s), newDriftCmd(s),
		newSandboxCmd(s), newDemoCmd(s),
	)
	// Unknown commands are usage errors.
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usageError("unknown command %q (see hospitality --help)", args[0])
		}
		return nil
	}
	root.RunE = func(c *cobra.Command, _ []string) error {
		c.Help()
		return usageError("a command is required")
	}
	return root
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError("%s: want %d argument(s), got %d (usage: %s)", c.CommandPath(), n, len(args), c.UseLine())
		}
		return nil
	}
}

// rangeArgs is cobra.RangeArgs reporting a usage error.
func rangeArgs(lo, hi int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < lo || len(args) > hi {
			return usageError("%s: want %d to %d arguments, got %d (usage: %s)", c.CommandPath(), lo, hi, len(args), c.UseLine())
		}
		return nil
	}
}

func newDemoCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:     "demo",
		Short:   "Run each provider's flow end to end against an in-process sandbox",
		Long:    "demo runs Kobas and OctoTable client credentials, the Cloudbeds consent page, Cobot with PKCE and a\nverified ID token, then creates, reads and lists through the typed clients. No network, no credentials.",
		Example: "  hospitality demo",
		Args:    exactArgs(0),
		RunE:    func(c *cobra.Command, _ []string) error { return demo(c.Context(), s.out) },
	}
}

func newSandboxCmd(s streams) *cobra.Command {
	var addr string
	c := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the sandbox on loopback until interrupted",
		Long: `sandbox serves every API on loopback and prints each base URL, the synthetic credentials and
ready-to-paste SDK snippets. Set HOSPITALITY_SANDBOX_URL to its URL to make --sandbox commands use
it: their tokens then outlive each command. Ctrl-C or SIGTERM shuts it down gracefully.`,
		Example: "  hospitality sandbox --addr 127.0.0.1:8080\n  HOSPITALITY_SANDBOX_URL=http://127.0.0.1:8080 hospitality login cobot --sandbox",
		Args:    exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			// The first signal starts the graceful shutdown; restoring the default handling then
			// lets a second Ctrl-C end the process at once instead of waiting out shutdownGrace.
			context.AfterFunc(ctx, stop)
			return serveSandbox(ctx, addr, s.out)
		},
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "loopback address to listen on")
	return c
}

// shutdownGrace is how long the sandbox waits for requests in flight when asked to stop.
const shutdownGrace = 5 * time.Second
