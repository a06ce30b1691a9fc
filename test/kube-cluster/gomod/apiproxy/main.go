// Command apiproxy is a tiny loopback TCP relay that the test cluster's own
// components (controller-manager, scheduler, kwok) use to reach kube-apiserver.
//
// Why: when kube-apiserver restarts (restart-apiserver.sh), client-go informers
// that get "connection refused" or 429 "storage is (re)initializing" back off
// exponentially (0.8s doubling to 30s, jittered, reset only after 2 quiet
// minutes), so after a restart or two the controllers and kwok could take a
// minute to react. This relay accepts their connections but only connects them
// through once kube-apiserver answers /readyz with "ok" again, so those
// components never see the restart window and recover at once.
//
// TLS is end to end; the relay only copies bytes (the /readyz probe uses its
// own client certificate). Clients under test (the admin kubeconfig) talk to
// kube-apiserver directly and do see the restart.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

var ready atomic.Bool

func main() {
	listen := flag.String("listen", "127.0.0.1:6444", "address to listen on")
	backend := flag.String("backend", "127.0.0.1:6443", "kube-apiserver address")
	wait := flag.Duration("wait", 120*time.Second, "how long a new connection may wait for the backend to be ready")
	caFile := flag.String("ca", "", "CA bundle for the /readyz probe (empty: only wait for the port)")
	certFile := flag.String("cert", "", "client certificate for the /readyz probe")
	keyFile := flag.String("key", "", "client key for the /readyz probe")
	interval := flag.Duration("probe-interval", 200*time.Millisecond, "/readyz probe interval")
	flag.Parse()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("listen %s: %v", *listen, err)
	}
	if *caFile != "" {
		client, err := probeClient(*caFile, *certFile, *keyFile)
		if err != nil {
			log.Fatalf("probe client: %v", err)
		}
		go probe(client, "https://"+*backend+"/readyz", *interval)
	} else {
		ready.Store(true)
	}
	log.Printf("relaying %s -> %s", *listen, *backend)
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Printf("accept: %v", err)
			time.Sleep(50 * time.Millisecond)
			continue
		}
		go relay(c.(*net.TCPConn), *backend, *wait)
	}
}

func probeClient(caFile, certFile, keyFile string) (*http.Client, error) {
	ca, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if certFile != "" {
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return &http.Client{
		Timeout: 2 * time.Second,
		// fresh connection each probe: a dead apiserver is noticed at once
		Transport: &http.Transport{TLSClientConfig: cfg, DisableKeepAlives: true},
	}, nil
}

func probe(client *http.Client, url string, interval time.Duration) {
	for {
		ok := false
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := client.Do(req); err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 64))
			resp.Body.Close()
			ok = resp.StatusCode == http.StatusOK && string(body) == "ok"
		}
		cancel()
		if ok != ready.Load() {
			log.Printf("backend ready: %v", ok)
		}
		ready.Store(ok)
		time.Sleep(interval)
	}
}

func relay(client *net.TCPConn, backend string, wait time.Duration) {
	defer client.Close()
	deadline := time.Now().Add(wait)
	var server *net.TCPConn
	for {
		if time.Now().After(deadline) {
			log.Printf("backend %s not ready after %s; dropping a client", backend, wait)
			return
		}
		if !ready.Load() {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		c, err := net.DialTimeout("tcp", backend, 2*time.Second)
		if err != nil {
			ready.Store(false) // wait for the probe to see it ready again
			continue
		}
		server = c.(*net.TCPConn)
		break
	}
	defer server.Close()

	var wg sync.WaitGroup
	wg.Add(2)
	pipe := func(dst, src *net.TCPConn) {
		defer wg.Done()
		_, _ = io.Copy(dst, src)
		// Either side gone (apiserver restarted, client closed): drop both, so
		// the client notices at once and reconnects through the relay.
		_ = client.Close()
		_ = server.Close()
	}
	go pipe(server, client)
	go pipe(client, server)
	wg.Wait()
}
