/**
 * What of the engine's answers members may see, in one place. Every answer passes `maskEngineData` before anything
 * shows it (createSandbox wraps the client with it, so the embeds, the JSON attachments and the CLI all read the
 * masked answer):
 *
 * - `Env` values, wherever an `Env` list sits (Config, ContainerConfig…): `POSTGRES_PASSWORD=hunter2` becomes
 *   `POSTGRES_PASSWORD=•••`. A container's env is often how its secrets are passed, and an image's can hold them
 *   too. A sandbox owner may show them with `DOCKER_SANDBOX_SHOW_ENV=true` (`showEnv`).
 * - Host paths, always: storage-driver paths (GraphDriver.Data), host file paths (log, resolv.conf, bind sources)
 *   a volume's `Mountpoint`, and `Labels` (and driver `Options`) values that name a host path (compose's working_dir/config_files, or any value that looks like an
 *   absolute path). They describe the host, not the image or container.
 *
 * The walk is recursive: it runs on answers the modem has already bounded in size and depth (modem.ts, depth.ts).
 */

/** What replaces a masked `Env` value. */
export const ENV_MASK = '•••';
/** What replaces a host path. */
export const HIDDEN = '(hidden)';

export interface MaskOptions {
  /** Show `Env` values (the sandbox owner's opt-in, `DOCKER_SANDBOX_SHOW_ENV`). Host paths stay hidden. */
  showEnv?: boolean;
}

/** Keys whose value is a host path (or a list of them). */
const HOST_PATH_KEYS = new Set([
  'ResolvConfPath',
  'HostnamePath',
  'HostsPath',
  'LogPath',
  'Source',
  'Binds',
  // A volume's folder on the host (`/var/lib/docker/volumes/<name>/_data`).
  'Mountpoint',
]);

/** Labels docker compose sets to host paths (config_files is a comma-separated list). */
const HOST_PATH_LABELS = new Set([
  'com.docker.compose.project.working_dir',
  'com.docker.compose.project.config_files',
  'com.docker.compose.project.environment_file',
]);

/**
 * An absolute host path at the start of a part: `/…`, `~` or `~/…`, `C:\…` or `C:/…`, `\\server\…`, `file:…`,
 * optionally after a `name=` (`--config=/home/alice/x`). URLs (`https://…`) are not host paths.
 */
const HOST_PATH = /^(?:[\w.-]+=)?(?:\/|~(?:\/|$)|[a-z]:[\\/]|\\\\|file:)/i;

/** Whether a label value names a host path: any of its comma-, semicolon- or space-separated parts does. */
export function looksLikeHostPath(value: string): boolean {
  return value.split(/[,;\s]+/).some((part) => HOST_PATH.test(part));
}

/** `POSTGRES_PASSWORD=hunter2` → `POSTGRES_PASSWORD=•••`; an entry without `=` is a bare name and is kept. */
export function maskEnvEntry(entry: string): string {
  const eq = entry.indexOf('=');
  return eq === -1 ? entry : `${entry.slice(0, eq)}=${ENV_MASK}`;
}

function maskEnv(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) return ENV_MASK;
  return value.map((entry) => (typeof entry === 'string' ? maskEnvEntry(entry) : ENV_MASK));
}

/**
 * A copy of an engine answer fit to show members: `Env` values masked (unless `showEnv`), host paths hidden
 * (always). Keys and every other field are kept, so the JSON attachment still teaches the whole shape.
 */
export function maskEngineData(value: unknown, options: MaskOptions = {}): unknown {
  const labels = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return walk(v);
    // Object.fromEntries makes every key an own property: an engine's `__proto__` label stays a label.
    return Object.fromEntries(
      Object.entries(v).map(([key, label]) => [
        key,
        typeof label !== 'string'
          ? walk(label)
          : HOST_PATH_LABELS.has(key) || looksLikeHostPath(label)
            ? HIDDEN
            : label,
      ]),
    );
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const field = (key: string, child: unknown): unknown => {
      if (key === 'GraphDriver' && child && typeof child === 'object')
        return { ...(walk(child) as object), Data: HIDDEN };
      if (HOST_PATH_KEYS.has(key) && child) return HIDDEN;
      if (key === 'Env' && !options.showEnv) return maskEnv(child);
      // Driver options are key=value like labels, and a local volume's `device=/home/…` names a host path.
      if (key === 'Labels' || key === 'Options') return labels(child);
      return walk(child);
    };
    return Object.fromEntries(Object.entries(v).map(([key, child]) => [key, field(key, child)]));
  };
  return walk(value);
}
