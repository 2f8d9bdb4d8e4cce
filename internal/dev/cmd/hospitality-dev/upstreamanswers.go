package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/upstreamanswers"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// answersHTTP is the client the typed clients use against the loopback fake.
var answersHTTP = &http.Client{Timeout: 30 * time.Second}

// client adapts a generated NewClientWithResponses to [upstreamanswers.Target.NewClient].
func client[C any](newClient func(string) (C, error)) func(string) (any, error) {
	return func(server string) (any, error) { return newClient(server) }
}

// answerTargets are the APIs upstream-answers can check, named as specs/<api>.yaml is: each
// with the document its client was generated from (embedded, so the two always agree).
var answerTargets = map[string]upstreamanswers.Target{
	"cloudbeds": {Spec: specs.Cloudbeds, NewClient: client(func(s string) (*cloudbeds.ClientWithResponses, error) {
		return cloudbeds.NewClientWithResponses(s, cloudbeds.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-accounting": {Spec: specs.CloudbedsAccounting, NewClient: client(func(s string) (*cloudbedsaccounting.ClientWithResponses, error) {
		return cloudbedsaccounting.NewClientWithResponses(s, cloudbedsaccounting.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-attribute-tagging": {Spec: specs.CloudbedsAttributeTagging, NewClient: client(func(s string) (*cloudbedstags.ClientWithResponses, error) {
		return cloudbedstags.NewClientWithResponses(s, cloudbedstags.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-fiscal-documents": {Spec: specs.CloudbedsFiscalDocuments, NewClient: client(func(s string) (*cloudbedsfiscal.ClientWithResponses, error) {
		return cloudbedsfiscal.NewClientWithResponses(s, cloudbedsfiscal.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-group-profile": {Spec: specs.CloudbedsGroupProfile, NewClient: client(func(s string) (*cloudbedsgroups.ClientWithResponses, error) {
		return cloudbedsgroups.NewClientWithResponses(s, cloudbedsgroups.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-guest-profiles": {Spec: specs.CloudbedsGuestProfiles, NewClient: client(func(s string) (*cloudbedsguests.ClientWithResponses, error) {
		return cloudbedsguests.NewClientWithResponses(s, cloudbedsguests.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-insights": {Spec: specs.CloudbedsInsights, NewClient: client(func(s string) (*cloudbedsinsights.ClientWithResponses, error) {
		return cloudbedsinsights.NewClientWithResponses(s, cloudbedsinsights.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-pay-by-link": {Spec: specs.CloudbedsPayByLink, NewClient: client(func(s string) (*cloudbedspaybylink.ClientWithResponses, error) {
		return cloudbedspaybylink.NewClientWithResponses(s, cloudbedspaybylink.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-payment-element": {Spec: specs.CloudbedsPaymentElement, NewClient: client(func(s string) (*cloudbedspaymentelement.ClientWithResponses, error) {
		return cloudbedspaymentelement.NewClientWithResponses(s, cloudbedspaymentelement.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-payments-vault": {Spec: specs.CloudbedsPaymentsVault, NewClient: client(func(s string) (*cloudbedsvault.ClientWithResponses, error) {
		return cloudbedsvault.NewClientWithResponses(s, cloudbedsvault.WithHTTPClient(answersHTTP))
	})},
	"cloudbeds-v2": {Spec: specs.CloudbedsV2, NewClient: client(func(s string) (*cloudbedsv2.ClientWithResponses, error) {
		return cloudbedsv2.NewClientWithResponses(s, cloudbedsv2.WithHTTPClient(answersHTTP))
	})},
	"cobot": {Spec: specs.Cobot, NewClient: client(func(s string) (*cobot.ClientWithResponses, error) {
		return cobot.NewClientWithResponses(s, cobot.WithHTTPClient(answersHTTP))
	})},
	"cobot-v1": {Spec: specs.CobotV1, NewClient: client(func(s string) (*cobotv1.ClientWithResponses, error) {
		return cobotv1.NewClientWithResponses(s, cobotv1.WithHTTPClient(answersHTTP))
	})},
	"kobas": {Spec: specs.Kobas, NewClient: client(func(s string) (*kobas.ClientWithResponses, error) {
		return kobas.NewClientWithResponses(s, kobas.WithHTTPClient(answersHTTP))
	})},
	"octotable": {Spec: specs.Octotable, NewClient: client(func(s string) (*octotable.ClientWithResponses, error) {
		return octotable.NewClientWithResponses(s, octotable.WithHTTPClient(answersHTTP))
	})},
}

// upstreamAnswers decodes answers generated from an upstream document through our typed client.
func upstreamAnswers(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("upstream-answers", flag.ContinueOnError)
	fset.SetOutput(stderr)
	n := fset.Int("n", 50, "answers generated per operation")
	seed := fset.Uint64("seed", 1, "seed of the generator")
	all := fset.Bool("all", false, "list every operation in the table, not only those with failures")
	strict := fset.Bool("strict", false, "exit non-zero when an answer does not decode and no exception explains it")
	root := fset.String("root", ".", "repository root (for internal/dev/upstreamanswers/exceptions/<api>.txt)")
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if fset.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: hospitality-dev upstream-answers [-n 50] [-seed 1] [-all] [-strict] <api> <upstream file>")
		return 2
	}
	api, upstreamFile := fset.Arg(0), fset.Arg(1)
	target, ok := answerTargets[api]
	if !ok {
		names := make([]string, 0, len(answerTargets))
		for k := range answerTargets {
			names = append(names, k)
		}
		slices.Sort(names)
		fmt.Fprintf(stderr, "upstream-answers: unknown api %q (one of %s)\n", api, strings.Join(names, ", "))
		return 2
	}
	target.API = api
	upstream, err := os.ReadFile(upstreamFile)
	if err != nil {
		fmt.Fprintln(stderr, "upstream-answers:", err)
		return 1
	}
	exFile := filepath.Join(*root, "internal", "dev", "upstreamanswers", "exceptions", api+".txt")
	var exceptions []upstreamanswers.Exception
	if f, err := os.Open(exFile); err == nil {
		exceptions, err = upstreamanswers.ParseExceptions(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "upstream-answers: %s: %v\n", exFile, err)
			return 1
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(stderr, "upstream-answers:", err)
		return 1
	}
	rep, err := upstreamanswers.Run(context.Background(), target, upstream,
		upstreamanswers.Options{N: *n, Seed: *seed, Exceptions: exceptions})
	if err != nil {
		fmt.Fprintln(stderr, "upstream-answers:", err)
		return 1
	}
	fmt.Fprintf(stdout, "upstream-answers: specs/%s.yaml against %s\n", api, upstreamFile)
	if err := rep.Write(stdout, *all); err != nil {
		fmt.Fprintln(stderr, "upstream-answers:", err)
		return 1
	}
	if *strict && rep.Unexplained() > 0 {
		fmt.Fprintf(stderr, "upstream-answers: %d answer(s) did not decode and no exception explains them\n", rep.Unexplained())
		return 1
	}
	return 0
}
