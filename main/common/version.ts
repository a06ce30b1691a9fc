/** The app version, injected at build time from package.json (see scripts/build.mjs). */
declare const __BERTH_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __BERTH_VERSION__ === 'string' ? __BERTH_VERSION__ : '0.0.0-dev';
