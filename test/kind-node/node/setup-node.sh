#!/bin/bash
# Runs inside the (privileged) node build container, started from the Debian
# rootfs image by build.sh; /tmp/stage holds what build.sh prepared. Does what
# kind's images/base/Dockerfile and its node image builder do: installs kind's
# base files and the Kubernetes binaries, configures systemd and containerd, and
# imports the control-plane images into containerd's k8s.io namespace.
# build.sh then `docker commit`s the container as the node image.
set -euxo pipefail
stage=/tmp/stage
# shellcheck source=/dev/null
source "$stage/versions.env"   # KUBE_VERSION, PAUSE_TAG
base="$stage/kind-base"   # sigs.k8s.io/kind@<version>/images/base/files

# ---- kind's base files, with the modes its Dockerfile sets -------------------------
install -D -m 0755 -t /usr/local/bin "$base"/usr/local/bin/*
mkdir -p /kind/bin /etc/containerd /etc/default /etc/sysctl.d /etc/systemd/system/kubelet.service.d
install -m 0644 -t /kind "$base"/kind/README.txt
install -m 0755 -t /kind/bin "$base"/kind/bin/*
install -m 0644 -t /etc "$base"/etc/crictl.yaml
install -m 0644 -t /etc/containerd "$base"/etc/containerd/*
install -m 0644 -t /etc/default "$base"/etc/default/*
install -m 0644 -t /etc/sysctl.d "$base"/etc/sysctl.d/*
for f in "$base"/etc/systemd/system/*; do
  [[ -f "$f" ]] && install -m 0644 -t /etc/systemd/system "$f"
done
install -m 0644 -t /etc/systemd/system/kubelet.service.d "$base"/etc/systemd/system/kubelet.service.d/*

# Debian's containerd lives in /usr/bin (kind builds its own into /usr/local/bin);
# no fuse-overlayfs snapshotter here (only rootless nodes use it).
sed -i 's#^ExecStart=/usr/local/bin/containerd#ExecStart=/usr/bin/containerd#' /etc/systemd/system/containerd.service
rm -f /etc/systemd/system/containerd-fuse-overlayfs.service
sed -i '/^\[proxy_plugins\]/,/^$/d' /etc/containerd/config.toml
sed -i "s#sandbox_image = .*#sandbox_image = \"registry.k8s.io/pause:${PAUSE_TAG}\"#" /etc/containerd/config.toml
grep -q 'proxy_plugins\|fuse-overlayfs"' /etc/containerd/config.toml && { echo "config.toml: fuse-overlayfs left" >&2; exit 1; }
grep -q "pause:${PAUSE_TAG}" /etc/containerd/config.toml

# This VM's quirk, not kind's: see restrict-oom-score-adj.sh.
install -m 0755 "$stage/restrict-oom-score-adj.sh" /kind/bin/
mkdir -p /etc/systemd/system/containerd.service.d
cat > /etc/systemd/system/containerd.service.d/10-berth-restrict-oom-score-adj.conf <<EOC
[Service]
ExecStartPre=/kind/bin/restrict-oom-score-adj.sh
EOC

# ---- binaries ----------------------------------------------------------------------
install -m 0755 "$stage"/bin/kubelet "$stage"/bin/kubeadm "$stage"/bin/kubectl /usr/bin/
install -m 0755 "$stage"/bin/crictl /usr/local/bin/
mkdir -p /opt/cni/bin
cp -a /usr/lib/cni/. /opt/cni/bin/   # containernetworking-plugins (Debian), where containerd looks

# containerd's base OCI spec, as kind's Dockerfile makes it
ctr oci spec \
  | jq '.hooks.createContainer[.hooks.createContainer| length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \
  | jq 'del(.process.rlimits)' \
  > /etc/containerd/cri-base.json

# ---- systemd, as kind's Dockerfile sets it up ---------------------------------------
find /lib/systemd/system/sysinit.target.wants/ -name "systemd-tmpfiles-setup.service" -delete
rm -f /lib/systemd/system/multi-user.target.wants/* \
  /etc/systemd/system/*.wants/* \
  /lib/systemd/system/local-fs.target.wants/* \
  /lib/systemd/system/sockets.target.wants/*udev* \
  /lib/systemd/system/sockets.target.wants/*initctl* \
  /lib/systemd/system/basic.target.wants/*
grep -q '^ReadKMsg=no' /etc/systemd/journald.conf || echo "ReadKMsg=no" >> /etc/systemd/journald.conf
ln -sf /usr/lib/systemd/systemd /sbin/init
systemctl enable kubelet.service containerd.service undo-mount-hacks.service
systemctl mask systemd-binfmt.service
mkdir -p /etc/kubernetes/manifests

# ---- what kind reads from a node image ----------------------------------------------
echo "${KUBE_VERSION}" > /kind/version
mkdir -p /kind/manifests
install -m 0644 "$stage"/manifests/default-cni.yaml "$stage"/manifests/default-storage.yaml /kind/manifests/

# ---- images, into containerd's k8s.io namespace (as kind's node image builder) --------
containerd --config /etc/containerd/config.toml >/tmp/containerd.log 2>&1 &
cpid=$!
for _ in $(seq 1 100); do ctr version >/dev/null 2>&1 && break; sleep 0.1; done
ctr version >/dev/null || { cat /tmp/containerd.log; exit 1; }
ctr --namespace=k8s.io images import --all-platforms --no-unpack --digests "$stage/images.tar"
# images.tar holds berth-local names; give each the name kubeadm/kind expect
while read -r from to; do
  [[ -n "$from" ]] || continue
  ctr --namespace=k8s.io images tag --force "$from" "$to"
  ctr --namespace=k8s.io images rm "$from" >/dev/null
done < "$stage/image-names.txt"
ctr --namespace=k8s.io images ls -q | sort
kill "$cpid"; wait "$cpid" || true
rm -rf /tmp/containerd.log /run/containerd /var/lib/containerd/tmpmounts
apt-get clean
rm -rf /var/lib/apt/lists/* /var/log/*.log /var/cache/debconf/*-old
