/** Connects each Electron window to the router over the one IPC channel. */
import { ipcMain, type WebContents } from 'electron';
import { IPC_CHANNEL } from '../../contract/bridge';
import type { Connection, Router } from './router';

export function serveIpc(router: Router, isTrustedSender: (contents: WebContents, frameUrl: string) => boolean): void {
  const connections = new Map<number, Connection>();
  const connectionFor = (contents: WebContents): Connection => {
    let c = connections.get(contents.id);
    if (!c) {
      const created = router.connect((message) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
      });
      connections.set(contents.id, created);
      const drop = () => {
        created.close();
        connections.delete(contents.id);
      };
      contents.once('destroyed', drop);
      contents.on('did-start-navigation', (_e, _url, isInPlace, isMainFrame) => {
        if (isMainFrame && !isInPlace) drop();
      });
      c = created;
    }
    return c;
  };
  ipcMain.on(IPC_CHANNEL, (event, message: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedSender(event.sender, frameUrl)) return;
    connectionFor(event.sender).receive(message);
  });
}
