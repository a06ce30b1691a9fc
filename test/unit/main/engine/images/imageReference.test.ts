import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../contract/errors';
import { parseReference } from '../../../../../main/engine/images/imageReference';

const reason = (ref: string): string => {
  try {
    parseReference(ref);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('invalid_input');
    return (e as ApiError).message;
  }
  throw new Error(`${ref} was accepted`);
};

describe('parseReference', () => {
  it('reads the familiar forms, adding :latest when neither tag nor digest is given', () => {
    expect(parseReference('busybox')).toMatchObject({
      domain: 'docker.io',
      path: 'library/busybox',
      tag: undefined,
      repository: 'busybox',
      full: 'busybox:latest',
    });
    expect(parseReference('redis:7.2-alpine')).toMatchObject({ tag: '7.2-alpine', full: 'redis:7.2-alpine' });
    expect(parseReference('127.0.0.1:5000/berth/busybox:latest')).toMatchObject({
      domain: '127.0.0.1:5000',
      path: 'berth/busybox',
      tag: 'latest',
      repository: '127.0.0.1:5000/berth/busybox',
    });
    expect(parseReference('localhost/app')).toMatchObject({ domain: 'localhost', path: 'app' });
    expect(parseReference('ghcr.io/org/sub/app:v1')).toMatchObject({ domain: 'ghcr.io', path: 'org/sub/app' });
    expect(parseReference('localhost:5000/app')).toMatchObject({
      domain: 'localhost:5000',
      full: 'localhost:5000/app:latest',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseReference(`alpine@${digest}`)).toMatchObject({ digest, tag: undefined, full: `alpine@${digest}` });
    expect(parseReference(`alpine:3@${digest}`)).toMatchObject({ digest, tag: '3' });
    expect(parseReference('my_org/my__app-x.y')).toMatchObject({ path: 'my_org/my__app-x.y' });
  });

  it('refuses bad references and says why', () => {
    expect(reason('UPPER/Case')).toMatch(/lowercase/);
    expect(reason('Busybox')).toMatch(/not a valid name component|lowercase/);
    expect(reason('foo::bar')).toMatch(/foo:/);
    expect(reason('busybox:')).toMatch(/not a valid tag/);
    expect(reason('a//b')).toMatch(/empty path component/);
    expect(reason('app/')).toMatch(/empty path component|missing/);
    expect(reason('')).toMatch(/empty/);
    expect(reason('bad name')).toMatch(/whitespace/);
    expect(reason('app@sha256:xyz')).toMatch(/digest/);
    expect(reason(`app:${'x'.repeat(129)}`)).toMatch(/tag/);
    expect(reason('-app')).toMatch(/name component/);
    expect(reason('ex_ample.com:5000/app')).toMatch(/registry host/);
  });
});
