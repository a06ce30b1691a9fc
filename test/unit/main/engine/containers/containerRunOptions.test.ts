/** What `containers.run` accepts (names, images, ports, mounts) and the engine options it becomes; env files; port-taken messages. */
import { describe, expect, it } from 'vitest';
import {
  isPortTakenMessage,
  parseEnvFile,
  toCreateOptions,
} from '../../../../../main/engine/containers/containerRunOptions';
import { RunSpec } from '../../../../../contract/containers';

describe('run validation', () => {
  const parse = (input: unknown) => RunSpec.safeParse(input);
  const messages = (input: unknown) => {
    const r = parse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts good names and references', () => {
    for (const image of [
      'redis',
      'redis:7',
      'library/redis:7.2-alpine',
      'registry.local:5000/team/app:1.0',
      'localhost/x',
      'sha256:' + 'a'.repeat(64),
    ]) {
      expect(parse({ image, name: 'my_app.1-x' }).success, image).toBe(true);
    }
  });

  it('names the field for a bad name, image, port and mount', () => {
    expect(messages({ image: 'redis', name: '-x' })[0]).toMatch(/^name: Invalid container name "-x"/);
    expect(messages({ image: 'redis', name: 'a' })[0]).toMatch(/^name: /);
    expect(messages({ image: 'Redis:7' })[0]).toMatch(/^image: Invalid image reference "Redis:7"/);
    expect(messages({ image: 'redis::7' })[0]).toMatch(/^image: /);
    expect(messages({ image: 'redis', ports: [{ containerPort: 0 }] })[0]).toBe(
      'ports.0.containerPort: Container port must be between 1 and 65535.',
    );
    expect(messages({ image: 'redis', ports: [{ containerPort: 80, hostPort: 1.5 }] })[0]).toMatch(
      /^ports.0.hostPort: /,
    );
    expect(messages({ image: 'redis', mounts: [{ type: 'bind', source: 'rel', target: '/x' }] })[0]).toMatch(
      /^mounts.0.source: A bind mount needs an absolute host path/,
    );
    expect(
      messages({
        image: 'redis',
        ports: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 81, hostPort: 8080 },
        ],
      })[0],
    ).toMatch(/^ports.1.hostPort: Host port 8080\/tcp is used twice/);
  });

  it('defaults the host IP to loopback and builds the engine options', () => {
    const spec = RunSpec.parse({
      image: 'redis',
      ports: [
        { containerPort: 6379, hostPort: 16379 },
        { containerPort: 53, protocol: 'udp' },
      ],
      env: [{ name: 'A', value: '1' }],
      mounts: [{ type: 'volume', target: '/data' }],
      restartPolicy: 'always',
    });
    const options = toCreateOptions(spec, ['B=2']);
    expect(options.HostConfig?.PortBindings).toEqual({
      '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '16379' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
    expect(options.Env).toEqual(['B=2', 'A=1']);
    expect(options.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: '', Target: '/data', ReadOnly: false }]);
    expect(options.HostConfig?.RestartPolicy).toEqual({ Name: 'always' });
    expect(options.Cmd).toBeUndefined();
  });

  it('parses env files like docker, and reports a bad line', () => {
    expect(parseEnvFile('# c\nA=1\n\n  B=2 with spaces\nFROM_ENV\nMISSING\n', 'f', { FROM_ENV: 'x' })).toEqual([
      'A=1',
      'B=2 with spaces',
      'FROM_ENV=x',
    ]);
    expect(() => parseEnvFile('=nope', 'app.env')).toThrow(/app.env, line 1/);
    expect(() => parseEnvFile('OK=1\nB C=2', 'app.env')).toThrow(/line 2/);
  });

  it("recognises the engine's port-taken messages", () => {
    expect(
      isPortTakenMessage(
        'driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:80 failed: port is already allocated',
      ),
    ).toBe(true);
    expect(isPortTakenMessage('listen tcp4 0.0.0.0:80: bind: address already in use')).toBe(true);
    expect(isPortTakenMessage('No such image')).toBe(false);
  });
});
