/**
 * Image sniffing by magic number, never by extension: a `.png` that holds text is not an image.
 */
export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp';

/** The usual file extension for each kind. */
export const IMAGE_EXTENSIONS: Readonly<Record<ImageKind, readonly string[]>> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** PNG, JPEG, GIF (87a/89a) or WebP (RIFF….WEBP) from the first bytes; null for anything else. */
export function imageKind(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** `name` with an extension that matches `kind` (Discord previews an attachment by its name). */
export function withImageExtension(name: string, kind: ImageKind): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (IMAGE_EXTENSIONS[kind].includes(ext)) return name;
  return `${dot > 0 ? name.slice(0, dot) : name}.${IMAGE_EXTENSIONS[kind][0]}`;
}
