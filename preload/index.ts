/**
 * The preload bridge: one generic message port between the sandboxed renderer and main. It knows no method
 * names; the contract on both sides does, so a new call needs no change here.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, type BridgePort } from '../contract/bridge';
import type { ClientMessage, ServerMessage } from '../contract/protocol';

const port: BridgePort = {
  send: (message: ClientMessage) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (listener) => {
    const handler = (_event: IpcRendererEvent, message: ServerMessage) => listener(message);
    ipcRenderer.on(IPC_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNEL, handler);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('berthBridge', port);
