/** Compose's output lines (v1 and v2) as per-service progress. */
import { describe, expect, it } from 'vitest';
import { fractionOf, progressOf, serviceOfContainer } from '../../../../main/compose/progress';

const services = ['web', 'redis', 'my-api'];

const p = (line: string) => progressOf(line, 'shop', services);

describe('compose output → per-service progress', () => {
  it('maps container names of v1 and v2 to services', () => {
    expect(serviceOfContainer('shop_web_1', 'shop', services)).toBe('web');
    expect(serviceOfContainer('shop-my-api-2', 'shop', services)).toBe('my-api');
    expect(serviceOfContainer('redis', 'shop', services)).toBe('redis');
    expect(serviceOfContainer('other_web_1', 'shop', services)).toBeUndefined();
  });

  it('reads docker-compose v1', () => {
    expect(p('Building web')).toMatchObject({ service: 'web', status: 'building', done: false });
    expect(p('Pulling redis (redis:)...')).toMatchObject({ service: 'redis', status: 'pulling' });
    expect(p('Pulling redis ... done')).toMatchObject({ service: 'redis', status: 'pulled', done: true });
    expect(p('Creating shop_redis_1 ... ')).toMatchObject({ service: 'redis', status: 'creating', done: false });
    expect(p('Creating shop_web_1   ... done')).toMatchObject({ service: 'web', status: 'running', done: true });
    expect(p('Creating shop_web_1 ... error')).toMatchObject({ service: 'web', status: 'error', failed: true });
    expect(p('Stopping shop_web_1 ... done')).toMatchObject({ status: 'stopped', done: true });
    expect(p('shop_redis_1 is up-to-date')).toMatchObject({ service: 'redis', status: 'running', done: true });
    expect(p('Creating network "shop_default" with the default driver')).toBeUndefined();
  });

  it('reads docker compose v2', () => {
    expect(p(' Container shop-redis-1  Creating')).toMatchObject({ service: 'redis', status: 'creating' });
    expect(p(' Container shop-redis-1  Created')).toMatchObject({ status: 'created', done: false });
    expect(p(' Container shop-web-1  Starting')).toMatchObject({ service: 'web', status: 'starting' });
    expect(p(' Container shop-web-1  Started')).toMatchObject({ status: 'running', done: true });
    expect(p(' redis Pulling ')).toMatchObject({ service: 'redis', status: 'pulling' });
    expect(p(' redis Pulled ')).toMatchObject({ service: 'redis', status: 'pulled', done: true });
    expect(p('#5 [web 1/2] FROM docker.io/library/busybox')).toMatchObject({ service: 'web', status: 'building' });
    expect(p(' Container shop-web-1  Error')).toMatchObject({ failed: true });
    expect(p(' ✔ Container shop-web-1  Started')).toMatchObject({ service: 'web', status: 'running' });
    expect(p(' ⠿ Container shop-redis-1  Creating')).toMatchObject({ service: 'redis', status: 'creating' });
    expect(p(' Network shop_default  Created')).toBeUndefined();
    expect(p(' 4f4fb700ef54 Downloading [==>   ]  1MB/20MB')).toBeUndefined();
  });

  it('weighs steps', () => {
    expect(fractionOf({ status: 'pulling', done: false })).toBeLessThan(
      fractionOf({ status: 'starting', done: false }),
    );
    expect(fractionOf({ status: 'whatever', done: true })).toBe(1);
  });
});
