package bench

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/hostile"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/web"
	"github.com/fupan-review/fupan/xlsx"
)

// serveUpload is one multipart upload of a workbook, as the page's form
// sends it.
func serveUpload(b *testing.B, url string, data []byte) time.Duration {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("workbook", "华东销售部_2025Q3.xlsx")
	_, _ = part.Write(data)
	_ = mw.WriteField("action", "check")
	_ = mw.Close()
	start := time.Now()
	resp, err := http.Post(url+"/check", mw.FormDataContentType(), &body)
	if err != nil {
		b.Error(err)
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Errorf("upload: status %d", resp.StatusCode)
	}
	return time.Since(start)
}

func percentile(d []time.Duration, p float64) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// BenchmarkServeUploads20: 20 team leads upload the seed-sized workbook at
// once, over HTTP; the findings page's p95 and p50 across every upload
// (two analyses at a time, the default).
func BenchmarkServeUploads20(b *testing.B) {
	data, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	s, err := web.New(web.Config{Identity: fupan.NewIdentity(nil, nil), TempDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	serveUpload(b, srv.URL, data) // warm
	var all []time.Duration
	var mu sync.Mutex
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				d := serveUpload(b, srv.URL, data)
				mu.Lock()
				all = append(all, d)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(percentile(all, 0.95).Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(percentile(all, 0.50).Microseconds())/1000, "p50-ms")
}

// bigHistory is the history bench/histgen writes (FUPAN_BENCH_HISTORY):
//
//	go run ./bench/histgen -teams 1000 -periods 36 -o /tmp/h.sqlite
func bigHistory(b *testing.B) *sqlite.DB {
	p := os.Getenv("FUPAN_BENCH_HISTORY")
	if p == "" {
		b.Skip("FUPAN_BENCH_HISTORY names no history: go run ./bench/histgen -teams 1000 -periods 36 -o /tmp/h.sqlite")
	}
	db, err := sqlite.Open(context.Background(), p, sqlite.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

// serveTime is the server's time for one page (no network), as leadership
// on loopback sees it.
func serveTime(b *testing.B, s *web.Server, target string) {
	b.Helper()
	var peak uint64
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, localRequest(target))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: status %d", target, w.Code)
		}
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	peak = m.HeapSys
	b.ReportMetric(float64(peak)/(1<<20), "heap-sys-MB")
}

// BenchmarkServeDashboard: the latest period of 1,000 teams with their
// change from the period before, ranked.
func BenchmarkServeDashboard(b *testing.B) {
	s, err := web.New(web.Config{History: bigHistory(b), Identity: fupan.NewIdentity(nil, nil)})
	if err != nil {
		b.Fatal(err)
	}
	serveTime(b, s, "/dashboard")
}

// BenchmarkServeDashboardCold: the same, the first time after a run (the
// history read again: a new server each time).
func BenchmarkServeDashboardCold(b *testing.B) {
	db := bigHistory(b)
	for b.Loop() {
		s, err := web.New(web.Config{History: db, Identity: fupan.NewIdentity(nil, nil)})
		if err != nil {
			b.Fatal(err)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, localRequest("/dashboard"))
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkServeTeam: one team's 36 periods and its trend.
func BenchmarkServeTeam(b *testing.B) {
	s, err := web.New(web.Config{History: bigHistory(b), Identity: fupan.NewIdentity(nil, nil)})
	if err != nil {
		b.Fatal(err)
	}
	serveTime(b, s, "/teams/"+"%E5%9B%A2%E9%98%9F0500")
}

// BenchmarkServeUploads50Largest: 50 uploads at once of a workbook at the
// batch's cell limit (1,000,000 cells): the heap's peak, sampled while they
// run, stays that of the analyses allowed at once (two), not fifty.
func BenchmarkServeUploads50Largest(b *testing.B) {
	data, err := hostile.ManyCells(xlsx.DefaultMaxCells)
	if err != nil {
		b.Fatal(err)
	}
	s, err := web.New(web.Config{Identity: fupan.NewIdentity(nil, nil), TempDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
		}
	}()
	var all []time.Duration
	var mu sync.Mutex
	for b.Loop() {
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				d := serveUpload(b, srv.URL, data)
				mu.Lock()
				all = append(all, d)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	close(stop)
	<-sampled
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(len(data))/(1<<20), "upload-MB")
	b.ReportMetric(float64(percentile(all, 0.95).Milliseconds()), "p95-ms")
}

// localRequest is a page asked for on loopback, where a server without a
// login serves its one person.
func localRequest(target string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.RemoteAddr = "127.0.0.1:40000"
	return r
}
