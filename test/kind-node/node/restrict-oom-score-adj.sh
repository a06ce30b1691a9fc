#!/bin/sh
# containerd ExecStartPre of the test kind node image. THIS MACHINE'S QUIRK, not
# kind's: on a host whose processes lack CAP_SYS_RESOURCE (the CI VM; docker's
# default runtime there drops it, see test/fixtures/runc-without-sys-resource.sh)
# containerd's CRI cannot give sandboxes oom_score_adj -998 and every pod dies
# with "can't get final child's PID from pipe: EOF". kind's entrypoint sets
# restrict_oom_score_adj = true itself for rootless nodes; this does the same when
# the capability is missing. On a normal host (a laptop) it changes nothing.
set -eu
capbnd="$(awk '/^CapBnd:/ {print $2}' /proc/self/status)"
# CAP_SYS_RESOURCE is capability 24
if [ $(( (0x$capbnd >> 24) & 1 )) -eq 0 ]; then
  sed -i 's/restrict_oom_score_adj = false/restrict_oom_score_adj = true/' /etc/containerd/config.toml
  echo "restrict-oom-score-adj: no CAP_SYS_RESOURCE, containerd restrict_oom_score_adj = true"
fi
