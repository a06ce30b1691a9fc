/**
 * The local end of a port-forward: a TCP listener on 127.0.0.1 only. A taken port is a clear conflict that
 * names it and suggests one that is free right now; port 0 lets the system pick.
 */
import net from 'node:net';
import { ApiError } from '../../../contract/errors';

export const LOCAL_HOST = '127.0.0.1';

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as net.AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: LOCAL_HOST, exclusive: true });
  });
}

/** Whether `port` can be listened on at 127.0.0.1 now. */
export async function isFree(port: number): Promise<boolean> {
  const probe = net.createServer();
  try {
    await listen(probe, port);
    return true;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

/** The first free port after `near` (up to 50 tries, staying in range), else one the system picks. */
export async function suggestFreePort(near: number): Promise<number> {
  for (let p = near + 1; p <= Math.min(65535, near + 50); p++) if (await isFree(p)) return p;
  const probe = net.createServer();
  try {
    return await listen(probe, 0);
  } finally {
    probe.close();
  }
}

/** Listens on 127.0.0.1:`port` (0 = any free port) and returns the port; a taken port is a conflict. */
export async function listenLocal(server: net.Server, port: number): Promise<number> {
  try {
    return await listen(server, port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      const free = await suggestFreePort(port);
      throw new ApiError(
        'conflict',
        `Local port ${port} is already in use on ${LOCAL_HOST}.`,
        `Pick another local port: ${free} is free now, or leave it empty and Berth picks one.`,
        { port, suggestion: free },
      );
    }
    if (code === 'EACCES') {
      throw new ApiError(
        'conflict',
        `Local port ${port} needs administrator rights on this system.`,
        'Use a port above 1023, or leave it empty and Berth picks one.',
        { port },
      );
    }
    throw e;
  }
}
