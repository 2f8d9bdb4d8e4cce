package spectest_test

import (
	"fmt"
	"slices"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
)

// A paging test drains an iterator and compares what it yielded with a span of ids.
func ExampleDrain() {
	seq := func(yield func(int64, error) bool) {
		for _, id := range []int64{1, 2, 3} {
			if !yield(id, nil) {
				return
			}
		}
	}
	ids, errs := spectest.Drain(seq, func(id int64) int64 { return id })
	fmt.Println(ids, len(errs), slices.Equal(ids, spectest.Span[int64](1, 3)))
	// Output: [1 2 3] 0 true
}

// A fake records the query of every request it answers.
func ExampleRequestLog() {
	var log spectest.RequestLog
	log.Add("offset=0&limit=3")
	log.Add("offset=3&limit=3")
	fmt.Println(log.Requests())
	// Output: [offset=0&limit=3 offset=3&limit=3]
}
