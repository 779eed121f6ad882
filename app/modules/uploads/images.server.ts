import sharp from "sharp";
import { photoMaxBytes, photoTypes } from "./limits";
/** Longest side of a stored photo: sharp enough for a promotion page, small enough to load fast. */
const maxSide = 1600;

export type PhotoResult =
  | { ok: true; bytes: Uint8Array; width: number; height: number }
  | { ok: false; error: "campaigns.photoType" | "campaigns.photoTooLarge" | "campaigns.photoMismatch" | "campaigns.photoUnreadable" };

/** The type the first bytes say the file is, whatever its name or the browser claims. */
export function sniffImageType(bytes: Uint8Array): (typeof photoTypes)[number] | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/**
 * Checks an uploaded photo by its content and re-encodes it: decoded and drawn again as WebP,
 * turned upright, at most 1600 px, with every metadata block (EXIF location, camera) dropped.
 * Nothing of the uploaded file is stored as it came.
 */
export async function processPhoto(file: File): Promise<PhotoResult> {
  if (!(photoTypes as readonly string[]).includes(file.type)) return { ok: false, error: "campaigns.photoType" };
  if (file.size > photoMaxBytes) return { ok: false, error: "campaigns.photoTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniffImageType(bytes);
  if (sniffed === null) return { ok: false, error: "campaigns.photoType" };
  if (sniffed !== file.type) return { ok: false, error: "campaigns.photoMismatch" };
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch {
    return { ok: false, error: "campaigns.photoUnreadable" };
  }
}
