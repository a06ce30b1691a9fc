/**
 * React's DOM renderer and the app shell, asked for the moment the entry chunk starts to run: main.tsx
 * imports this module first, so their fetch (and the browser's parse of React's DOM renderer, the largest
 * chunk a first screen needs, off the main thread) begins before the rest of the entry — the client, the
 * stores — is evaluated, instead of after it. Fetched with retries; main.tsx says so if they still fail.
 */
import { withRetries } from './common/withRetries';

export const shellCode = Promise.all([
  withRetries(() => import('react-dom/client')),
  withRetries(() => import('./App')),
]);
