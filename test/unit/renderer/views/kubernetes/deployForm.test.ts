/** The deploy form: what it refuses, and the name it suggests from an image. */
import { describe, expect, it } from 'vitest';
import { checkDeployForm, nameFromImage } from '../../../../../renderer/views/kubernetes/deployForm';

describe('deploy form', () => {
  const form = {
    name: 'web',
    image: 'nginx:1.27',
    namespace: 'default',
    replicas: '2',
    ports: '80, 443',
    service: 'ClusterIP' as const,
  };
  it('builds the deploy input', () => {
    expect(checkDeployForm(form, 'ctx')).toEqual({
      ok: true,
      input: {
        context: 'ctx',
        namespace: 'default',
        name: 'web',
        image: 'nginx:1.27',
        replicas: 2,
        ports: [80, 443],
        service: 'ClusterIP',
      },
    });
  });
  it('puts each problem under its field', () => {
    const out = checkDeployForm({ ...form, name: 'Web_1', replicas: 'x', ports: '99999' }, 'ctx');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(Object.keys(out.errors).sort()).toEqual(['name', 'ports', 'replicas']);
  });
  it('derives a name from an image', () => {
    expect(nameFromImage('ghcr.io/acme/Web_App:1.2')).toBe('web-app');
    expect(nameFromImage('nginx@sha256:abc')).toBe('nginx');
  });
});
