/** Reading kind's progress and failures from real captured `kind create cluster` output. */
import { describe, expect, it } from 'vitest';
import { kindCreateError, parseKindLine } from '../../../../../main/kube/kind/kindProgress';

// Captured from kind v0.33.0 (stderr, not a terminal): a node image that cannot be pulled ...
const PULL_FAILURE = `cgroup v1 is deprecated in Kubernetes and will not be supported in a future kind release, please upgrade to cgroup v2
Creating cluster "berth-cap-2596" ...
 • Ensuring node image (127.0.0.1:5999/berth/nope:v0) 🖼️  ...
 ✗ Ensuring node image (127.0.0.1:5999/berth/nope:v0) 🖼️
ERROR: failed to create cluster: failed to pull image "127.0.0.1:5999/berth/nope:v0": command "docker pull 127.0.0.1:5999/berth/nope:v0" failed with error: exit status 1

Command Output: Error response from daemon: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused`;

// ... and a node image that exists but cannot run privileged here (the step after the image succeeds).
const PREPARE_FAILURE = `Creating cluster "berth-cap2" ...
 • Ensuring node image (berth-fixture/busybox:latest) 🖼️  ...
 ✓ Ensuring node image (berth-fixture/busybox:latest) 🖼️
 • Preparing nodes 📦   ...
 ✗ Preparing nodes 📦 
Deleted nodes: ["berth-cap2-control-plane"]
ERROR: failed to create cluster: command "docker run --name berth-cap2-control-plane --hostname berth-cap2-control-plane --label io.x-k8s.kind.role=control-plane --privileged berth-fixture/busybox:latest" failed with error: exit status 125

Command Output: f46a18b58b6aa9f7977d480854e8ba9f3f7a6af3d92a477bd765e2ec67eedfbe
docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown

Run 'docker run --help' for more information`;

// The success lines kind prints for a 1 control-plane + 1 worker cluster (kind's own status messages).
const SUCCESS = ` ✓ Ensuring node image (kindest/node:v1.33.1) 🖼
 ✓ Preparing nodes 📦 📦
 ✓ Writing configuration 📜
 ✓ Starting control-plane 🕹️
 ✓ Installing CNI 🔌
 ✓ Installing StorageClass 💾
 ✓ Joining worker nodes 🚜`;

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .filter(Boolean);

describe('kind progress', () => {
  it('reads started, done and failed steps from kind output', () => {
    const steps = lines(PREPARE_FAILURE).map(parseKindLine).filter(Boolean);
    expect(steps).toEqual([
      { id: 'ensuring-node-image', label: 'Ensuring node image (berth-fixture/busybox:latest)', status: 'running' },
      { id: 'ensuring-node-image', label: 'Ensuring node image (berth-fixture/busybox:latest)', status: 'done' },
      { id: 'preparing-nodes', label: 'Preparing nodes', status: 'running' },
      { id: 'preparing-nodes', label: 'Preparing nodes', status: 'failed' },
    ]);
    expect(lines(SUCCESS).map((l) => parseKindLine(l)?.id)).toEqual([
      'ensuring-node-image',
      'preparing-nodes',
      'writing-configuration',
      'starting-control-plane',
      'installing-cni',
      'installing-storageclass',
      'joining-worker-nodes',
    ]);
    expect(parseKindLine('Creating cluster "x" ...')).toBeUndefined();
    expect(parseKindLine('Set kubectl context to "kind-x"')).toBeUndefined();
  });

  it("reads --wait's waiting step and its end (captured from kind v0.33.0)", () => {
    const wait = lines(` • Waiting ≤ 2m0s for control-plane = Ready ⏳  ...
 • Ready after 1s 💚`).map(parseKindLine);
    expect(wait).toEqual([
      { id: 'waiting-for-control-plane-ready', label: 'Waiting ≤ 2m0s for control-plane = Ready', status: 'running' },
      { id: 'waiting-for-control-plane-ready', label: 'Control plane Ready after 1s', status: 'done' },
    ]);
  });

  it('turns a failed pull into a message naming the step and the cause, with a hint', () => {
    const err = kindCreateError('berth-cap-2596', lines(PULL_FAILURE), 1);
    expect(err.code).toBe('failed');
    expect(err.message).toBe(
      'kind could not create cluster "berth-cap-2596" at "Ensuring node image (127.0.0.1:5999/berth/nope:v0)": Error response from daemon: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
    );
    expect(err.hint).toMatch(/node image/);
  });

  it('explains a runtime that refuses privileged node containers', () => {
    const err = kindCreateError('berth-cap2', lines(PREPARE_FAILURE), 1);
    expect(err.message).toContain('at "Preparing nodes"');
    expect(err.message).toContain('unable to apply caps');
    expect(err.hint).toMatch(/privileged/);
    expect((err.details as { output: string }).output).not.toContain('--help');
  });

  it('calls a taken name a conflict', () => {
    const err = kindCreateError(
      'dup',
      ['ERROR: failed to create cluster: node(s) already exist for a cluster with the name "dup"'],
      1,
    );
    expect(err.code).toBe('conflict');
  });
});
