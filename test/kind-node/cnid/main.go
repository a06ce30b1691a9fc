// cnid is a test-only stand-in for kind's kindnetd, which the Go module proxy does
// not serve. It runs as a DaemonSet (hostNetwork) on every node of a test kind
// cluster and does the three things pod networking needs there:
//
//  1. writes a ptp + host-local + portmap CNI config for its node's spec.podCIDR,
//  2. routes every other node's podCIDR via that node's InternalIP (all nodes
//     share one docker network, so a plain route is enough),
//  3. masquerades traffic from pods that leaves the pod range (POD_SUBNET), so
//     pod-to-pod traffic keeps its pod source address.
//
// It watches Nodes with client-go and reconciles on every change.
package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/vishvananda/netlink"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	listersv1 "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
)

const confName = "10-berth-cnid.conflist"

type daemon struct {
	nodeName  string
	podSubnet *net.IPNet
	confDir   string
	mtu       int
	nodes     listersv1.NodeLister
	routes    map[string]string // podCIDR -> gateway, routes this process added
}

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	d := &daemon{
		nodeName: os.Getenv("NODE_NAME"),
		confDir:  envOr("CNI_CONFIG_DIR", "/etc/cni/net.d"),
		routes:   map[string]string{},
	}
	if d.nodeName == "" {
		log.Fatal("NODE_NAME is not set (downward API spec.nodeName)")
	}
	// kind's pod subnet; dual-stack clusters list an IPv4 and an IPv6 range
	for _, s := range strings.Split(envOr("POD_SUBNET", "10.244.0.0/16"), ",") {
		if ip, subnet, err := net.ParseCIDR(strings.TrimSpace(s)); err == nil && ip.To4() != nil {
			d.podSubnet = subnet
			break
		}
	}
	if d.podSubnet == nil {
		log.Fatalf("POD_SUBNET %q has no IPv4 range", os.Getenv("POD_SUBNET"))
	}
	d.mtu = defaultRouteMTU()

	cfg, err := rest.InClusterConfig()
	if err != nil {
		log.Fatalf("in-cluster config: %v", err)
	}
	// kind patches CONTROL_PLANE_ENDPOINT in (see "would you kindly patch this
	// file" in the manifest), so we need not wait for kube-proxy's Service rules.
	if ep := os.Getenv("CONTROL_PLANE_ENDPOINT"); ep != "" {
		cfg.Host = "https://" + ep
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		log.Fatalf("client: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if err := d.ensureMasquerade(); err != nil {
		log.Fatalf("masquerade rule: %v", err)
	}

	factory := informers.NewSharedInformerFactory(client, 0)
	informer := factory.Core().V1().Nodes()
	d.nodes = informer.Lister()
	changed := make(chan struct{}, 1)
	poke := func(any) {
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	if _, err := informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    poke,
		UpdateFunc: func(_, n any) { poke(n) },
		DeleteFunc: poke,
	}); err != nil {
		log.Fatalf("informer: %v", err)
	}
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	log.Printf("cnid on node %s, pod subnet %s, mtu %d", d.nodeName, d.podSubnet, d.mtu)

	tick := time.NewTicker(30 * time.Second) // also repairs rules/routes removed behind our back
	defer tick.Stop()
	for {
		if err := d.reconcile(); err != nil {
			log.Printf("reconcile: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-changed:
		case <-tick.C:
		}
	}
}

func (d *daemon) reconcile() error {
	nodes, err := d.nodes.List(labels.Everything())
	if err != nil {
		return err
	}
	want := map[string]string{}
	for _, n := range nodes {
		cidr := ipv4PodCIDR(n)
		if cidr == "" {
			continue
		}
		if n.Name == d.nodeName {
			if err := d.writeConfig(cidr); err != nil {
				return err
			}
			continue
		}
		if ip := internalIPv4(n); ip != "" {
			want[cidr] = ip
		}
	}
	for cidr, gw := range want {
		if d.routes[cidr] == gw {
			continue
		}
		_, dst, err := net.ParseCIDR(cidr)
		if err != nil {
			return err
		}
		if err := netlink.RouteReplace(&netlink.Route{Dst: dst, Gw: net.ParseIP(gw)}); err != nil {
			return fmt.Errorf("route %s via %s: %w", cidr, gw, err)
		}
		log.Printf("route %s via %s", cidr, gw)
		d.routes[cidr] = gw
	}
	for cidr, gw := range d.routes {
		if _, ok := want[cidr]; ok {
			continue
		}
		_, dst, _ := net.ParseCIDR(cidr)
		if err := netlink.RouteDel(&netlink.Route{Dst: dst, Gw: net.ParseIP(gw)}); err != nil {
			log.Printf("delete route %s via %s: %v", cidr, gw, err)
		}
		delete(d.routes, cidr)
	}
	return d.ensureMasquerade()
}

// writeConfig writes the CNI config for this node's pod range (atomically, only
// when it changes): the same plugins kindnetd configures.
func (d *daemon) writeConfig(podCIDR string) error {
	conf := fmt.Sprintf(`{
  "cniVersion": "0.3.1",
  "name": "berth-cnid",
  "plugins": [
    {
      "type": "ptp",
      "ipMasq": false,
      "mtu": %d,
      "ipam": {
        "type": "host-local",
        "dataDir": "/run/cni-ipam-state",
        "routes": [{ "dst": "0.0.0.0/0" }],
        "ranges": [[{ "subnet": %q }]]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
`, d.mtu, podCIDR)
	path := filepath.Join(d.confDir, confName)
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, []byte(conf)) {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(conf), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	log.Printf("wrote %s for %s", path, podCIDR)
	return nil
}

// ensureMasquerade: traffic from a pod to anything outside the pod range (and
// not to a local address) leaves with the node's address.
func (d *daemon) ensureMasquerade() error {
	rule := []string{"POSTROUTING", "-s", d.podSubnet.String(), "!", "-d", d.podSubnet.String(),
		"-m", "addrtype", "!", "--dst-type", "LOCAL",
		"-m", "comment", "--comment", "berth-cnid: masquerade traffic leaving the pod range",
		"-j", "MASQUERADE"}
	if iptables(append([]string{"-C"}, rule...)...) == nil {
		return nil
	}
	if err := iptables(append([]string{"-A"}, rule...)...); err != nil {
		return err
	}
	log.Printf("added masquerade rule for traffic leaving %s", d.podSubnet)
	return nil
}

func iptables(args ...string) error {
	cmd := exec.Command("iptables", append([]string{"-w", "5", "-t", "nat"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("iptables %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

func ipv4PodCIDR(n *corev1.Node) string {
	cidrs := n.Spec.PodCIDRs
	if len(cidrs) == 0 && n.Spec.PodCIDR != "" {
		cidrs = []string{n.Spec.PodCIDR}
	}
	for _, c := range cidrs {
		if ip, _, err := net.ParseCIDR(c); err == nil && ip.To4() != nil {
			return c
		}
	}
	return ""
}

func internalIPv4(n *corev1.Node) string {
	for _, a := range n.Status.Addresses {
		if a.Type != corev1.NodeInternalIP {
			continue
		}
		if ip := net.ParseIP(a.Address); ip != nil && ip.To4() != nil {
			return a.Address
		}
	}
	return ""
}

// defaultRouteMTU is the MTU of the interface holding the default route (the
// node's docker network), so pod packets fit on it.
func defaultRouteMTU() int {
	routes, err := netlink.RouteList(nil, netlink.FAMILY_V4)
	if err == nil {
		for _, r := range routes {
			if r.Dst != nil && r.Dst.String() != "0.0.0.0/0" {
				continue
			}
			if link, err := netlink.LinkByIndex(r.LinkIndex); err == nil && link.Attrs().MTU > 0 {
				return link.Attrs().MTU
			}
		}
	}
	return 1500
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
