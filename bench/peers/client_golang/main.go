// The client_golang peer: one GaugeVec per family, filled from series.tsv, served by promhttp
// (gzip when asked, as Prometheus's own exporters do). Built in GOPATH mode against Debian's
// golang-github-prometheus-client-golang-dev.
//
// usage: client_golang ADDR series.tsv
package main

import (
	"bufio"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	addr, path := os.Args[1], os.Args[2]
	reg := prometheus.NewRegistry()
	vecs := map[string]*prometheus.GaugeVec{}
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		name, help, names, values := p[0], p[1], strings.Split(p[2], ","), strings.Split(p[3], ",")
		v, err := strconv.ParseFloat(p[4], 64)
		if err != nil {
			log.Fatal(err)
		}
		vec := vecs[name]
		if vec == nil {
			vec = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, names)
			reg.MustRegister(vec)
			vecs[name] = vec
		}
		vec.WithLabelValues(values...).Set(v)
	}
	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	log.Fatal(http.ListenAndServe(addr, nil))
}
