/**
 * Docker image references, parsed the way `docker pull` does (github.com/distribution/reference v0.6:
 * regexp.go for the grammar, normalize.go for the defaults `docker.io`, `library/` and `latest`).
 *
 * Written by hand on purpose: the npm packages that parse references do not follow the grammar faithfully.
 * `docker-parse-image` is a single loose regex (accepts `Nginx`, `foo//bar`, any tag); `parse-docker-image-name`
 * is similar; `@swimlane/docker-reference` ports an older grammar (no IPv6 registries, no `localhost` rule for
 * uppercase, one generic error) and has been dormant since 2024. None says *why* a reference is invalid, which is
 * what the study group needs to see. The grammar itself is small, so we port it and test it against a table.
 *
 * The 255-character limit (`RepositoryNameTotalLengthMax`) is on the repository path after normalisation, without the
 * registry: `Parse` checks `len(repo.path)` of `docker.io/library/…` or `example.com/…`. So `example.com/` + 255 × `a`
 * is valid (a registry has no length limit), and a bare name of 248 characters is not (`library/` makes it 256).
 *
 * One deliberate difference: a first component that normalize.go takes as a registry because it has a `.` but that
 * is not a valid host (`my_reg.io/app`) is rejected here as a bad registry; Docker accepts it with an empty registry.
 */

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}${optionalPort}`;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

/** distribution/reference's `ReferenceRegexp`: name, optional `:tag`, optional `@digest`. */
export const REFERENCE_REGEXP = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const DOMAIN_RE = new RegExp(`^${domainAndPort}$`);
const PATH_COMPONENT_RE = new RegExp(`^${pathComponent}$`);
const TAG_RE = new RegExp(`^${tagPat}$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;

export const NAME_TOTAL_LENGTH_MAX = 255;
export const TAG_LENGTH_MAX = 128;
export const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
export const OFFICIAL_NAMESPACE = 'library';
export const DEFAULT_TAG = 'latest';

/** go-digest's registered algorithms and their hex lengths. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why a reference is invalid; each code has a message `sandbox.ref.error.<code>`. */
export type ReferenceErrorCode =
  | 'empty'
  | 'uppercase'
  | 'emptyComponent'
  | 'badComponent'
  | 'badRegistry'
  | 'nameTooLong'
  | 'emptyTag'
  | 'tagTooLong'
  | 'badTag'
  | 'badDigest'
  | 'unsupportedDigest'
  | 'digestLength'
  | 'hexIdentifier'
  | 'badFormat';

export interface ParsedReference {
  input: string;
  valid: true;
  /** Registry host (with port), `docker.io` when none was given. */
  registry: string;
  /** Path components between the registry and the image name (`library` for official images), or null. */
  project: string | null;
  /** The last path component. */
  image: string;
  /** The tag; `latest` when neither a tag nor a digest was given, null for a digest-only reference. */
  tag: string | null;
  digest: string | null;
  /** Fully qualified: `registry/project/image[:tag][@digest]`. */
  canonical: string;
  /** Which parts were filled in by Docker's defaults rather than written. */
  defaulted: { registry: boolean; project: boolean; tag: boolean };
}

export interface InvalidReference {
  input: string;
  valid: false;
  code: ReferenceErrorCode;
  /** The offending part (a path component, the tag…), for the message. */
  part: string;
}

export type ReferenceResult = ParsedReference | InvalidReference;

const invalid = (input: string, code: ReferenceErrorCode, part = ''): InvalidReference => ({
  input,
  valid: false,
  code,
  part,
});

/** Splits `name[:tag][@digest]` the way the grammar does: a tag's `:` comes after the last `/`. */
function split(input: string): { name: string; tag: string | undefined; digest: string | undefined } {
  const at = input.indexOf('@');
  const beforeDigest = at === -1 ? input : input.slice(0, at);
  const digest = at === -1 ? undefined : input.slice(at + 1);
  const colon = beforeDigest.lastIndexOf(':');
  if (colon > beforeDigest.lastIndexOf('/')) {
    return { name: beforeDigest.slice(0, colon), tag: beforeDigest.slice(colon + 1), digest };
  }
  return { name: beforeDigest, tag: undefined, digest };
}

/**
 * normalize.go's splitDockerDomain on a name (without tag/digest): the registry as written (null when the first
 * component is not a host) and the repository path as Docker stores it (`library/` added for a bare Docker Hub name).
 */
function splitDomain(name: string): { written: string | null; registry: string; path: string[]; official: boolean } {
  const parts = name.split('/');
  const first = parts[0] ?? '';
  // A first component with `.`/`:`, `localhost` or uppercase is a registry host; a single component never is.
  const isHost = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  const written = isHost ? first : null;
  const registry = written === null || written === LEGACY_DEFAULT_REGISTRY ? DEFAULT_REGISTRY : written;
  const rest = isHost ? parts.slice(1) : parts;
  const official = registry === DEFAULT_REGISTRY && rest.length === 1;
  return { written, registry, path: official ? [OFFICIAL_NAMESPACE, ...rest] : rest, official };
}

/** The reason a name (without tag/digest) fails the grammar, or null when it is fine. */
function nameProblem(name: string): { code: ReferenceErrorCode; part: string } | null {
  const { written } = splitDomain(name);
  if (written !== null && !DOMAIN_RE.test(written)) return { code: 'badRegistry', part: written };
  const path = written === null ? name.split('/') : name.split('/').slice(1);
  for (const c of path) {
    if (c === '') return { code: 'emptyComponent', part: name };
    if (PATH_COMPONENT_RE.test(c)) continue;
    if (/[A-Z]/.test(c) && PATH_COMPONENT_RE.test(c.toLowerCase())) return { code: 'uppercase', part: c };
    return { code: 'badComponent', part: c };
  }
  return null;
}

function digestProblem(digest: string): ReferenceErrorCode | null {
  if (!new RegExp(`^${digestPat}$`).test(digest)) return 'badDigest';
  const [algorithm = '', hex = ''] = digest.split(':');
  const expected = Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) ? DIGEST_HEX_LENGTH[algorithm] : undefined;
  if (expected === undefined) return 'unsupportedDigest';
  if (!/^[a-f0-9]+$/.test(hex)) return 'badDigest';
  if (hex.length !== expected) return 'digestLength';
  return null;
}

/**
 * Parses and normalizes a reference like `docker pull` (ParseNormalizedNamed + TagNameOnly).
 * Never throws: an invalid reference comes back with a reason code.
 */
export function parseReference(raw: string): ReferenceResult {
  // Surrounding spaces are a paste accident, not part of the reference; the result still echoes what was typed.
  const input = raw.trim();
  const result = parseTrimmed(input);
  return { ...result, input: raw };
}

function parseTrimmed(input: string): ReferenceResult {
  if (input === '') return invalid(input, 'empty');
  if (IDENTIFIER_RE.test(input)) return invalid(input, 'hexIdentifier', input);
  if ((input.match(/@/g) ?? []).length > 1) return invalid(input, 'badFormat', input);

  const { name, tag, digest } = split(input);
  if (name === '') return invalid(input, 'empty');
  const problem = nameProblem(name);
  if (problem) return invalid(input, problem.code, problem.part);
  if (tag !== undefined) {
    if (tag === '') return invalid(input, 'emptyTag');
    if (tag.length > TAG_LENGTH_MAX) return invalid(input, 'tagTooLong', String(tag.length));
    if (!TAG_RE.test(tag)) return invalid(input, 'badTag', tag);
  }
  // Like Parse: the grammar first, then the length of the normalised path (registry excluded, `library/` included).
  const pathLength = splitDomain(name).path.join('/').length;
  if (pathLength > NAME_TOTAL_LENGTH_MAX) return invalid(input, 'nameTooLong', String(pathLength));
  if (digest !== undefined) {
    const code = digestProblem(digest);
    if (code) return invalid(input, code, digest);
  }
  // Every part passed; the whole must still match the grammar (belt and braces: the parts checks mirror it).
  if (!REFERENCE_REGEXP.test(input)) return invalid(input, 'badFormat', input);
  return normalize(input, name, tag, digest);
}

function normalize(input: string, name: string, tag?: string, digest?: string): ParsedReference {
  const { written, registry, path: pathParts, official } = splitDomain(name);
  const hasHost = written !== null;
  const image = pathParts[pathParts.length - 1] ?? '';
  const project = pathParts.length > 1 ? pathParts.slice(0, -1).join('/') : null;
  const finalTag = tag ?? (digest === undefined ? DEFAULT_TAG : null);
  const canonical =
    `${registry}/${pathParts.join('/')}` + (finalTag !== null ? `:${finalTag}` : '') + (digest ? `@${digest}` : '');
  return {
    input,
    valid: true,
    registry,
    project,
    image,
    tag: finalTag,
    digest: digest ?? null,
    canonical,
    defaulted: { registry: !hasHost, project: official, tag: tag === undefined && digest === undefined },
  };
}

/** The JSON the CLI prints (`imageref --json`): exactly the shape. */
export function referenceJson(result: ReferenceResult, describeError: (r: InvalidReference) => string) {
  if (!result.valid) return { input: result.input, valid: false as const, error: describeError(result) };
  const { input, registry, project, image, tag, digest, canonical } = result;
  return { input, valid: true as const, registry, project, image, tag, digest, canonical };
}

const REPOSITORY_RE = new RegExp(`^${remoteName}$`);

/** A repository path as a registry's API takes it (`study/layers`, no host): the grammar's remote name, ≤ 255. */
export function isValidRepository(name: string): boolean {
  return name.length <= NAME_TOTAL_LENGTH_MAX && REPOSITORY_RE.test(name);
}

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}

/** A digest the sandbox will put in a URL: a registered algorithm with its exact hex length. */
export function isValidDigest(digest: string): boolean {
  return digestProblem(digest) === null;
}
