/** The kind config Berth generates for a new cluster. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectedCreateSteps, kindConfigObject, kindConfigYaml } from '../../../../../main/kube/kind/kindConfig';
import { KindCreateInput } from '../../../../../contract/kube';

describe('kind config', () => {
  it('generates a v1alpha4 config with roles, the node image and port mappings on the first control plane', () => {
    const yaml = kindConfigYaml({
      name: 'dev',
      controlPlanes: 2,
      workers: 2,
      image: 'kindest/node:v1.33.1',
      ports: [
        { containerPort: 80, hostPort: 8080 },
        { containerPort: 443, hostPort: 8443, listenAddress: '0.0.0.0', protocol: 'TCP' },
      ],
    });
    expect(parse(yaml)).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      name: 'dev',
      nodes: [
        {
          role: 'control-plane',
          image: 'kindest/node:v1.33.1',
          extraPortMappings: [
            { containerPort: 80, hostPort: 8080, listenAddress: '127.0.0.1', protocol: 'TCP' },
            { containerPort: 443, hostPort: 8443, listenAddress: '0.0.0.0', protocol: 'TCP' },
          ],
        },
        { role: 'control-plane', image: 'kindest/node:v1.33.1' },
        { role: 'worker', image: 'kindest/node:v1.33.1' },
        { role: 'worker', image: 'kindest/node:v1.33.1' },
      ],
    });
  });

  it("leaves the image to kind's default when none is given", () => {
    expect(kindConfigObject({ name: 'a' }).nodes).toEqual([{ role: 'control-plane' }]);
    expect(expectedCreateSteps({ name: 'a' })).toBe(7);
    expect(expectedCreateSteps({ name: 'a', workers: 1 })).toBe(8);
  });

  it('refuses bad names, counts and ports', () => {
    expect(KindCreateInput.safeParse({ name: 'Bad_Name' }).success).toBe(false);
    expect(KindCreateInput.safeParse({ name: 'ok', controlPlanes: 0 }).success).toBe(false);
    expect(KindCreateInput.safeParse({ name: 'ok', workers: -1 }).success).toBe(false);
    expect(KindCreateInput.safeParse({ name: 'ok', ports: [{ containerPort: 0, hostPort: 1 }] }).success).toBe(false);
  });
});
