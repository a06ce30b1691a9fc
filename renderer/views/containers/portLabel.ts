/** How a published port reads, and where its link goes: one binding on every interface reads once (the engine lists it for 0.0.0.0 and for ::). */
import type { PortBinding } from '../../../contract/containers';

const everyInterface = (ip: string | undefined) => !ip || ip === '0.0.0.0' || ip === '::';

export function portLabel(p: PortBinding): string {
  return `${everyInterface(p.ip) ? '' : `${p.ip}:`}${p.publicPort}→${p.privatePort}/${p.type}`;
}

export function portUrl(p: PortBinding): string {
  const host = everyInterface(p.ip) ? 'localhost' : p.ip?.includes(':') ? `[${p.ip}]` : p.ip;
  return `http://${host}:${p.publicPort}/`;
}

/** The published ports, each binding once. */
export function publishedPorts(ports: PortBinding[]): Array<{ label: string; url: string; port: PortBinding }> {
  const seen = new Set<string>();
  return ports
    .filter((p) => p.publicPort)
    .flatMap((port) => {
      const label = portLabel(port);
      if (seen.has(label)) return [];
      seen.add(label);
      return [{ label, url: portUrl(port), port }];
    });
}
