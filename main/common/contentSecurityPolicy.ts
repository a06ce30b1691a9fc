/**
 * The Content-Security-Policy for Berth's pages: the Electron window sets it on every response, the loopback
 * web bridge sends it with every file. Only Berth's own scripts, no plugins, no framing, no form posts.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
