package drift

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ReportFormat identifies the JSON report file [Report.WriteJSON] writes and [ReadReport] reads.
// The file is one JSON object:
//
//	{
//	  "format": "hospitality-drift-report/v1",
//	  "written": "2026-03-01T09:30:00Z",
//	  "entries": [
//	    {"provider": "kobas", "operation": "listVenues", "kind": "unknown_field",
//	     "path": "/0/vat_number", "count": 3,
//	     "first": "2026-03-01T08:00:00Z", "last": "2026-03-01T09:29:58Z",
//	     "excerpt": "GB1", "status": 200}
//	  ]
//	}
//
// kind is one of [UnknownField], [MissingRequired], [WrongType], [NewEnumValue],
// [UndeclaredStatus] and [OtherMismatch]; path is the JSON Pointer of the value in the answer
// ("" for the whole answer); first and last are RFC 3339 times; excerpt is redacted. Readers
// ignore members they do not know, so later versions may add some without changing the format.
const ReportFormat = "hospitality-drift-report/v1"

// reportFile is the JSON document of a report.
type reportFile struct {
	Format  string    `json:"format"`
	Written time.Time `json:"written"`
	Entries Report    `json:"entries"`
}

// WriteJSON writes the report as a report file (see [ReportFormat]), indented, stamped with the
// current time.
func (r Report) WriteJSON(w io.Writer) error {
	if r == nil {
		r = Report{}
	}
	b, err := json.MarshalIndent(reportFile{Format: ReportFormat, Written: time.Now().UTC(), Entries: r}, "", "  ")
	if err != nil {
		return fmt.Errorf("drift: report: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("drift: report: %w", err)
	}
	return nil
}

// ReadReport reads a report file written by [Report.WriteJSON], sorted as
// [Collector.Report] sorts.
func ReadReport(r io.Reader) (Report, error) {
	var f reportFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("drift: report file: %w", err)
	}
	if f.Format != ReportFormat {
		return nil, fmt.Errorf("drift: report file: format %q, want %q", f.Format, ReportFormat)
	}
	for i, e := range f.Entries {
		if e.Provider == "" || e.Operation == "" || e.Kind == "" {
			return nil, fmt.Errorf("drift: report file: entry %d lacks provider, operation or kind", i)
		}
	}
	if f.Entries == nil {
		f.Entries = Report{}
	}
	f.Entries.sort()
	return f.Entries, nil
}

// Merge combines reports (of several processes, or several days) into one: entries for the same
// provider, operation, kind and path add their counts, keep the earliest first and latest last
// time, and the excerpt and status seen last.
func Merge(reports ...Report) Report {
	byKey := map[entryKey]*Entry{}
	for _, r := range reports {
		for _, e := range r {
			k := entryKey{e.Provider, e.Operation, e.Kind, e.Path}
			m := byKey[k]
			if m == nil {
				cp := e
				byKey[k] = &cp
				continue
			}
			m.Count += e.Count
			if e.First.Before(m.First) {
				m.First = e.First
			}
			if !e.Last.Before(m.Last) {
				m.Last, m.Excerpt, m.Status = e.Last, e.Excerpt, e.Status
			}
		}
	}
	res := make(Report, 0, len(byKey))
	for _, e := range byKey {
		res = append(res, *e)
	}
	res.sort()
	return res
}

// WriteFile writes the collector's report to the named file (see [ReportFormat]), replacing it
// atomically: readers see the old report or the new one, never a part. The file is created
// with mode 0600, since excerpts are values of real answers. Call it periodically, or when the
// process stops; `hospitality drift report` prints such files, merged.
func (c *Collector) WriteFile(name string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("drift: report file: %w", err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if err := c.Report().WriteJSON(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("drift: report file: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("drift: report file: %w", err)
	}
	return nil
}
