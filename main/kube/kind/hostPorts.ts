/** Which of a kind cluster's host port mappings are already taken, found by binding each one briefly. */
import { createServer } from 'node:net';

export interface HostPort {
  hostPort: number;
  listenAddress: string;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The mappings whose host port cannot be bound now (port 0 means "any" and is never taken). */
export async function takenHostPorts<P extends HostPort>(ports: P[]): Promise<P[]> {
  const checks = await Promise.all(
    ports.map(async (p) => (p.hostPort > 0 && !(await isFree(p.hostPort, p.listenAddress)) ? p : undefined)),
  );
  return checks.filter((p): p is Awaited<P> => p !== undefined);
}
