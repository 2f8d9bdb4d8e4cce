package upstreamanswers

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Write prints the report: totals, a table of the operations whose answers did not all decode
// (of every operation with answers when all is true), every failure not covered by an exception
// (operation, path, value, upstream's schema and our type, upstream's consistency), the
// exceptions that matched, those that matched nothing, and the most frequent causes.
func (r *Report) Write(w io.Writer, all bool) error {
	answers, decoded, partial, failed := r.Totals()
	without := 0
	for _, o := range r.Operations {
		if o.Answers == 0 {
			without++
		}
	}
	pct := func(n int) string {
		if answers == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(answers))
	}
	ew := &errWriter{w: w}
	ew.printf("%d answers per operation, seed %d; %d operation(s) matched upstream, %d without an upstream JSON answer\n",
		r.N, r.Seed, len(r.Operations), without)
	ew.printf("answers %d: decoded %d (%s), partial %d, failed %d; %d not explained by an exception\n\n",
		answers, decoded, pct(decoded), partial, failed, r.Unexplained())

	width := len("OPERATION")
	for _, o := range r.Operations {
		width = max(width, len(o.OperationID))
	}
	ew.printf("%-*s  %7s  %7s  %7s  %7s\n", width, "OPERATION", "ANSWERS", "DECODED", "PARTIAL", "FAILED")
	full := 0
	for _, o := range r.Operations {
		if o.Answers > 0 && o.Decoded == o.Answers {
			full++
		}
		if o.Answers > 0 && (all || o.Decoded < o.Answers) {
			ew.printf("%-*s  %7d  %7d  %7d  %7d\n", width, o.OperationID, o.Answers, o.Decoded, o.Partial, o.Failed)
		}
	}
	if !all && full > 0 {
		ew.printf("(%d more operation(s) decoded every answer; -all lists them)\n", full)
	}
	var none []string
	for _, o := range r.Operations {
		if o.Answers == 0 {
			none = append(none, o.OperationID)
		}
	}
	if len(none) > 0 {
		ew.printf("no upstream JSON answer: %s\n", strings.Join(none, ", "))
	}

	var open, listed []Failure
	for _, f := range r.Failures {
		if f.Exception == "" {
			open = append(open, f)
		} else {
			listed = append(listed, f)
		}
	}
	ew.printf("\nFailures (%d group(s), %d answer(s)):\n", len(open), count(open))
	for _, f := range open {
		r.writeFailure(ew, f)
	}
	if len(open) == 0 {
		ew.printf("  none\n")
	}
	ew.printf("\nExceptions (internal/dev/upstreamanswers/exceptions/%s.txt): %d group(s), %d answer(s)\n", r.API, len(listed), count(listed))
	for _, f := range listed {
		r.writeFailure(ew, f)
		ew.printf("      exception: %s\n", f.Exception)
	}
	for _, e := range r.Unused {
		ew.printf("  unused exception (line %d): %s %s\n", e.Line, e.Operation, cmp.Or(e.Path, "-"))
	}
	if causes := r.Causes(); len(causes) > 0 {
		ew.printf("\nTop causes:\n")
		for i, c := range causes {
			if i == 10 {
				break
			}
			ew.printf("  %4d answer(s) in %d operation(s): %s\n", c.Answers, c.Operations, c.Cause)
		}
	}
	return ew.err
}

func (r *Report) writeFailure(ew *errWriter, f Failure) {
	kind := "failed"
	if f.Partial {
		kind = "partial"
	}
	ew.printf("  %s %s  %s %d/%d\n", f.Operation, cmp.Or(f.Path, "-"), kind, f.Count, r.N)
	if f.Partial {
		ew.printf("      value %s; upstream %s; ours %s: %s\n", cmp.Or(f.Excerpt, "?"), cmp.Or(f.Upstream, "?"), cmp.Or(f.Ours, "?"), f.Error)
		ew.printf("      %s\n", f.Verdict)
	} else {
		ew.printf("      %s\n", f.Error)
	}
}

// Cause is one reason answers did not decode, with how many answers and operations it hit.
type Cause struct {
	Cause      string
	Answers    int
	Operations int
}

// Causes groups the failures no exception covers by cause — upstream's schema against our Go
// type for partial results, the error for failed calls — most answers first.
func (r *Report) Causes() []Cause {
	byCause := map[string]*Cause{}
	ops := map[string]map[string]bool{}
	for _, f := range r.Failures {
		if f.Exception != "" {
			continue
		}
		key := f.Error
		if f.Partial {
			key = fmt.Sprintf("upstream %s, ours %s", cmp.Or(f.Upstream, "?"), cmp.Or(f.Ours, "?"))
		}
		if byCause[key] == nil {
			byCause[key] = &Cause{Cause: key}
			ops[key] = map[string]bool{}
		}
		byCause[key].Answers += f.Count
		ops[key][f.Operation] = true
	}
	var out []Cause
	for k, c := range byCause {
		c.Operations = len(ops[k])
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Cause) int {
		return cmp.Or(b.Answers-a.Answers, strings.Compare(a.Cause, b.Cause))
	})
	return out
}

func count(fs []Failure) int {
	n := 0
	for _, f := range fs {
		n += f.Count
	}
	return n
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
