/**
 * Registry sign-in, part of the images domain: the registries the user's docker config holds credentials for,
 * and log in / log out done the way `docker login` does them (the user's docker CLI, so a `credsStore` or
 * `credHelpers` entry keeps the secret). Pull, push and build then use those credentials. A password or
 * token only ever travels in a login request: no answer, log or setting carries it back.
 */
import { z } from 'zod';
import { call } from './define';
import { NoInput, Ok } from './collection';

/** `registry.example.com`, `127.0.0.1:5000`, `docker.io`, or a URL of one (`https://ghcr.io`). */
export const RegistryServer = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(
    /^(https?:\/\/)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?(\/[^\s]*)?$/,
    'A registry host, e.g. registry.example.com, 127.0.0.1:5000 or docker.io.',
  );

export const RegistryLogin = z.object({
  server: RegistryServer,
  username: z
    .string()
    .trim()
    .min(1, 'Give the user name.')
    .max(255)
    .refine((v) => !/[\s\0]/.test(v), 'A user name has no spaces.'),
  /** A password or an access token. */
  password: z
    .string()
    .min(1, 'Give the password or token.')
    .max(16_384)
    .refine((v) => !/[\r\n\0]/.test(v), 'A password or token is one line.'),
});
export type RegistryLogin = z.input<typeof RegistryLogin>;

export const SignedInRegistry = z.object({
  /** As the docker config names it, e.g. `127.0.0.1:5000` or `https://index.docker.io/v1/`. */
  server: z.string(),
  /** The host, as an image reference names it (`docker.io` for Docker Hub). */
  host: z.string(),
  /** Unknown when the credential helper does not list user names. */
  username: z.string().optional(),
  /** Where the secret is kept: `config file` (base64 in config.json) or `credential helper <name>`. */
  store: z.string(),
});
export type SignedInRegistry = z.infer<typeof SignedInRegistry>;

export const registries = {
  /** The registries the docker config holds credentials for (from its `auths`, helpers and credsStore). */
  registries: call(NoInput, z.array(SignedInRegistry)),
  /**
   * Logs in with the user's `docker login --password-stdin`: the engine checks the credentials against the
   * registry, the CLI stores them. A refusal comes back as `failed` saying so; nothing is stored then.
   */
  login: call(RegistryLogin, SignedInRegistry),
  /** `docker logout`: forgets the registry's credentials (in the config file or the credential helper). */
  logout: call(z.object({ server: RegistryServer }), Ok),
} as const;
