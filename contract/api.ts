/**
 * Berth's API: everything the renderer may ask of main. Adding a call means adding it to a domain file
 * here and implementing it in main; the router, preload, browser bridge and client follow by themselves.
 */
import { system } from './system';
import { tasks } from './tasks';
import { containers } from './containers';
import { images } from './images';
import { volumes } from './volumes';
import { networks } from './networks';
import { compose } from './compose';
import { kube } from './kube';
import { settings } from './settings';
import { logs } from './logs';
import type { Client, Implementation } from './define';

export const api = { system, tasks, containers, images, volumes, networks, compose, kube, settings, logs } as const;

export type Api = typeof api;
export type ApiImplementation = Implementation<Api>;
export type ApiClient = Client<Api>;
