/**
 * Image references (`redis`, `127.0.0.1:5000/team/app:1.2`, `app@sha256:…`), parsed and validated with the
 * grammar of distribution/reference, which the docker CLI uses, so a bad one is refused before anything
 * reaches the engine.
 */
import { ApiError } from '../../../contract/errors';

export interface ImageReference {
  /** The registry host, e.g. `docker.io` or `127.0.0.1:5000`. */
  domain: string;
  /** The repository path inside the registry, e.g. `library/redis`. */
  path: string;
  tag: string | undefined;
  digest: string | undefined;
  /** The repository as the user would write it (no tag): `redis`, `127.0.0.1:5000/team/app`. */
  repository: string;
  /** The full reference, with `:latest` added when neither tag nor digest was given. */
  full: string;
}

export const DOCKER_HUB = 'docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HINT = 'An image reference looks like `name`, `name:tag`, `registry:port/path/name:tag` or `name@sha256:…`.';

const invalid = (input: string, why: string) =>
  new ApiError('invalid_input', `Invalid image reference "${input}": ${why}.`, HINT, { reference: input, reason: why });

/** Parses a reference or throws an `invalid_input` ApiError that says what is wrong with it. */
export function parseReference(input: string): ImageReference {
  const ref = input.trim();
  if (!ref) throw invalid(input, 'it is empty');
  if (/\s/.test(ref)) throw invalid(input, 'it contains whitespace');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(input, `"${digest}" is not a valid digest (algorithm:hex)`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw invalid(input, `"${tag}" is not a valid tag (letters, digits, _ . - and at most 128 characters)`);
    }
  }
  if (!rest) throw invalid(input, 'the repository name is missing');
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const domain = hasDomain ? first : DOCKER_HUB;
  let path = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !DOMAIN.test(domain)) throw invalid(input, `"${domain}" is not a valid registry host`);
  if (!path) throw invalid(input, 'the repository name is missing');
  for (const component of path.split('/')) {
    if (!component) throw invalid(input, 'it has an empty path component (a doubled or trailing "/")');
    if (component !== component.toLowerCase()) throw invalid(input, 'repository names must be lowercase');
    if (!COMPONENT.test(component)) {
      throw invalid(
        input,
        `"${component}" is not a valid name component (lowercase letters, digits and single separators . _ __ -)`,
      );
    }
  }
  if (rest.length > 255) throw invalid(input, 'the repository name is longer than 255 characters');
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  const repository = rest;
  const full = `${repository}${tag !== undefined ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return {
    domain,
    path,
    tag,
    digest,
    repository,
    full: tag === undefined && !digest ? `${full}:latest` : full,
  };
}

/** A short human form of the registry for messages: "Docker Hub" or the host. */
export const registryLabel = (ref: ImageReference): string => (ref.domain === DOCKER_HUB ? 'Docker Hub' : ref.domain);
