// CoreDNS for the test kind node image, with only the plugins a kind cluster's Corefile uses
// (kubeadm's default: errors, health, ready, kubernetes, prometheus, forward, cache, loop, reload,
// loadbalance) plus a few a user adds when debugging DNS (log, debug, hosts, rewrite, template, whoami).
// CoreDNS's own main imports every plugin, and with them the AWS, Azure and Google Cloud SDKs, dnstap,
// tracing and more; building this one instead compiles about a third of that on a cold cache. This is
// CoreDNS's documented way to choose plugins at compile time: import them and set the directive order.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/debug"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/hosts"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/loop"
	_ "github.com/coredns/coredns/plugin/metrics"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/reload"
	_ "github.com/coredns/coredns/plugin/rewrite"
	_ "github.com/coredns/coredns/plugin/template"
	_ "github.com/coredns/coredns/plugin/whoami"
)

// directives: the plugins above, in the order of CoreDNS's plugin.cfg (the order they run in a server block).
var directives = []string{
	"reload", "debug", "ready", "health", "prometheus", "errors", "log", "loadbalance", "cache",
	"rewrite", "template", "hosts", "kubernetes", "loop", "forward", "whoami",
}

func init() { dnsserver.Directives = directives }

func main() { coremain.Run() }
