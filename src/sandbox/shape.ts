/**
 * The shape the sandbox relies on in the engine's answers. dockerode returns whatever JSON the engine sent, typed
 * as if it were right; a broken engine or a proxy in front of it can send `[]`, `{"Id": 5}` or `null`, and the
 * formatters (facts.ts) would then throw far from the cause. The client checks each answer against these schemas
 * and turns a mismatch into `badResponse`. Only the fields facts.ts reads are checked (null is allowed wherever
 * Docker or podman send it); the answer itself is returned untouched, so the JSON attachment keeps every field.
 */
import { z } from 'zod';

/** Image and container ids: hex, with or without the `sha256:` prefix (podman omits it). */
const id = z.string().regex(/^(?:sha256:)?[a-f0-9]{1,128}$/i);
const text = z.string().nullish();
const texts = z.array(z.string()).nullish();
const time = z.union([z.number(), z.string()]).nullish();
/** Cmd and Entrypoint: an exec-form array, or a string from older engines. */
const command = z.union([z.array(z.string()), z.string()]).nullish();
const bindings = z.array(z.object({ HostIp: text, HostPort: text })).nullish();
const ports = z.record(bindings).nullish();

export const imageSummaries = z.array(z.object({ Id: id, RepoTags: texts, Size: z.number().nullish(), Created: time }));

export const containerSummaries = z.array(z.object({ Id: id, Names: texts, State: text }));

export const imageInspect = z.object({
  Id: id,
  RepoTags: texts,
  RepoDigests: texts,
  Created: time,
  Size: z.number().nullish(),
  Architecture: text,
  Os: text,
  Config: z
    .object({
      Env: texts,
      Cmd: command,
      Entrypoint: command,
      WorkingDir: text,
      ExposedPorts: z.record(z.unknown()).nullish(),
      Labels: z.record(z.string()).nullish(),
    })
    .nullish(),
  RootFS: z.object({ Layers: texts }).nullish(),
});

export const containerInspect = z.object({
  Id: id,
  Name: text,
  State: z.object({ Status: text }).nullish(),
  Config: z.object({ Image: text }).nullish(),
  Image: text,
  Created: time,
  Mounts: z.array(z.object({ Type: text, Name: text, Destination: text, RW: z.boolean().nullish() })).nullish(),
  NetworkSettings: z.object({ Ports: ports }).nullish(),
  HostConfig: z.object({ PortBindings: ports }).nullish(),
});

const labels = z.record(z.string()).nullish();

/** One row of `GET /images/{name}/history` (newest first). */
export const imageHistory = z.array(
  z.object({ Id: text, Created: time, CreatedBy: text, Size: z.number().nullish(), Tags: texts, Comment: text }),
);

export const volumeInspect = z.object({
  Name: z.string(),
  Driver: text,
  Scope: text,
  Mountpoint: text,
  CreatedAt: text,
  Labels: labels,
  Options: z.record(z.string()).nullish(),
});

export const volumeList = z.object({ Volumes: z.array(volumeInspect).nullish() });

export const networkInspect = z.object({
  Name: z.string(),
  Id: z.string(),
  Driver: text,
  Scope: text,
  Internal: z.boolean().nullish(),
  EnableIPv6: z.boolean().nullish(),
  IPAM: z.object({ Config: z.array(z.object({ Subnet: text, Gateway: text })).nullish() }).nullish(),
  Containers: z.record(z.object({ Name: text })).nullish(),
  Labels: labels,
});

export const networkList = z.array(networkInspect);
