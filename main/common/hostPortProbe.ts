/**
 * Checks that a host port can be published before asking the engine: Berth tries to bind it itself
 * and lets go at once. Only meaningful when the engine runs on this machine.
 */
import net from 'node:net';
import dgram from 'node:dgram';

export type PortProbe = 'free' | 'taken' | 'no-such-address' | 'unknown';

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

function classify(e: unknown): PortProbe {
  const code = codeOf(e);
  if (code === 'EADDRINUSE') return 'taken';
  if (code === 'EADDRNOTAVAIL') return 'no-such-address';
  return 'unknown'; // EACCES for low ports without privileges, and anything else: let the engine decide
}

function probeTcp(host: string, port: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e) => resolve(classify(e)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

function probeUdp(host: string, port: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    socket.once('error', (e) => {
      socket.close();
      resolve(classify(e));
    });
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve('free')));
  });
}

export function probeHostPort(host: string, port: number, protocol: string): Promise<PortProbe> {
  if (protocol === 'udp') return probeUdp(host, port);
  if (protocol === 'tcp') return probeTcp(host, port);
  return Promise.resolve('unknown');
}
