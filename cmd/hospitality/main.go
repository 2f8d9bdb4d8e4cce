// Command hospitality is the SDK's companion tool.
//
// Usage:
//
//	hospitality demo                       run each provider's flow against an in-process sandbox
//	hospitality sandbox [-addr host:port]  serve the sandbox on loopback until interrupted
//
// Neither command uses the network beyond loopback or needs credentials.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hospitality:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		usage(out)
		return fmt.Errorf("a command is required")
	}
	switch args[0] {
	case "demo":
		return demo(ctx, out)
	case "sandbox":
		fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
		fs.SetOutput(out)
		addr := fs.String("addr", "127.0.0.1:8080", "loopback address to listen on")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		// The first signal starts the graceful shutdown; restoring the default handling then
		// lets a second Ctrl-C end the process at once instead of waiting out shutdownGrace.
		context.AfterFunc(ctx, stop)
		return serveSandbox(ctx, *addr, out)
	case "help", "-h", "--help":
		usage(out)
		return nil
	}
	usage(out)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  hospitality demo                       run each provider's flow against an in-process sandbox
  hospitality sandbox [-addr host:port]  serve the sandbox on loopback until interrupted
`)
}

// shutdownGrace is how long the sandbox waits for requests in flight when asked to stop.
const shutdownGrace = 5 * time.Second
