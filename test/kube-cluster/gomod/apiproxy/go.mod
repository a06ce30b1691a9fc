// Test infrastructure only: a loopback TCP relay in front of kube-apiserver.
module berth.test/kube-cluster/apiproxy

go 1.25.0
