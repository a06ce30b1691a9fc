// Command etcd is a tiny wrapper around etcd's own main package so that the
// server can be built from the Go module proxy (test infrastructure only).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
