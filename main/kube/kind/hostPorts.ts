/** Which of a kind cluster's host port mappings are already taken (probed the way `docker run -p` is). */
import { probeHostPort } from '../../common/hostPortProbe';

export interface HostPort {
  hostPort: number;
  listenAddress: string;
  protocol?: string;
}

/** The mappings whose host port cannot be bound now (port 0 means "any" and is never taken). */
export async function takenHostPorts<P extends HostPort>(ports: P[]): Promise<P[]> {
  const checks = await Promise.all(
    ports.map(async (p) => {
      if (p.hostPort <= 0) return undefined;
      // UDP mappings are probed over UDP; TCP and SCTP ones over TCP, as before. Anything but free stops the
      // create here, with the port named, rather than halfway through kind's steps.
      const protocol = p.protocol?.toLowerCase() === 'udp' ? 'udp' : 'tcp';
      const probe = await probeHostPort(p.listenAddress, p.hostPort, protocol);
      return probe === 'free' ? undefined : p;
    }),
  );
  return checks.filter((p): p is Awaited<P> => p !== undefined);
}
