#!/bin/sh
# Runs inside a container of the node rootfs image (build.sh): copies the given
# files, every shared library they need (ldd) and their symlinks into /out,
# keeping the rootfs's paths, so a tiny image (kube-proxy's iptables, the CNI
# daemon's iptables) can be made from them with `docker import`.
# Usage: collect.sh FILE...   (output: /out)
set -eu
out=/out

copy() { # path: copy it at its canonical directory; follow symlinks, copying each
  p="$1"
  if [ ! -e "$p" ]; then
    case "$p" in /etc/*) echo "collect.sh: no $p (skipped)" >&2; return 0 ;; esac
    echo "collect.sh: missing $p" >&2; exit 1
  fi
  d="$(cd "$(dirname "$p")" && pwd -P)"
  b="$(basename "$p")"
  [ -e "$out$d/$b" ] || [ -L "$out$d/$b" ] && return 0
  mkdir -p "$out$d"
  if [ -d "$p" ] && [ ! -L "$p" ]; then
    cp -a "$p" "$out$d/$b"
  elif [ -L "$p" ]; then
    cp -P "$p" "$out$d/$b"
    copy "$(readlink -f "$p")"
  else
    cp -p "$p" "$out$d/$b"
  fi
}

for f in "$@"; do
  copy "$f"
  if [ -f "$f" ] && ldd "$f" >/dev/null 2>&1; then
    ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | while read -r lib; do
      copy "$lib"
    done
  fi
done

# merged /usr: keep /bin, /sbin, /lib, /lib64 as the links they are in the rootfs
for l in bin sbin lib lib64; do
  if [ -L "/$l" ] && [ ! -e "$out/$l" ]; then ln -s "$(readlink "/$l")" "$out/$l"; fi
done
mkdir -p "$out/tmp" "$out/run" "$out/etc"
chmod 1777 "$out/tmp"
