// The floor: a server that writes a prebuilt byte buffer (and its gzip) for every request. No exporter can beat it.
//
// usage: static ADDR exposition.txt
package main

import (
	"bytes"
	"compress/gzip"
	"log"
	"net/http"
	"os"
	"strings"
)

func main() {
	addr, path := os.Args[1], os.Args[2]
	body, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	w.Write(body)
	w.Close()
	zipped := gz.Bytes()
	http.HandleFunc("/metrics", func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			rw.Header().Set("Content-Encoding", "gzip")
			rw.Write(zipped)
			return
		}
		rw.Write(body)
	})
	log.Fatal(http.ListenAndServe(addr, nil))
}
