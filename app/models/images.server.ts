/**
 * Pictures of questions and options: whatever the organiser uploads (JPEG,
 * PNG or WebP) is re-encoded here as a small WebP, so a resident's phone
 * downloads a few tens of KB, and kept in the database (so the backup holds
 * it) under the SHA-256 of its bytes.
 */
import { createHash } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { images, type Picture } from "#db/schema";
import { DomainError } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";

export const PICTURE_LIMITS = {
  /** The file as uploaded: a phone photo fits; two fit in one form. */
  uploadBytes: 3 * 1024 * 1024,
  /** Pixels decoded at most (a 40-megapixel photo), so a crafted file cannot exhaust memory. */
  inputPixels: 40_000_000,
  /** The longer side as stored and shown. */
  side: 800,
  /** Alternative text, read aloud by screen readers. */
  altChars: 250,
} as const;

const ACCEPTED = new Set(["jpeg", "png", "webp"]);

/** sharp (libvips), loaded on first use: a server that never sees a picture need not hold it. */
async function loadSharp() {
  return (await import("sharp")).default;
}

export type PreparedPicture = Omit<Picture, "alt"> & { bytes: Uint8Array };

/**
 * Checks an uploaded picture and re-encodes it: turned upright by its EXIF
 * orientation, no larger than 800 px on its longer side, metadata (a
 * phone's GPS position) dropped, WebP. Throws `picture.*` DomainErrors.
 */
export async function preparePicture(upload: Uint8Array): Promise<PreparedPicture> {
  if (upload.length === 0) throw new DomainError("picture.empty", 422);
  if (upload.length > PICTURE_LIMITS.uploadBytes) throw new DomainError("picture.tooLarge", 422);
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(upload, { limitInputPixels: PICTURE_LIMITS.inputPixels }).metadata()).format;
  } catch {
    throw new DomainError("picture.unreadable", 422);
  }
  if (!format || !ACCEPTED.has(format)) throw new DomainError("picture.format", 422);
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: PICTURE_LIMITS.inputPixels })
      .rotate()
      .resize({
        width: PICTURE_LIMITS.side,
        height: PICTURE_LIMITS.side,
        fit: "inside",
        withoutEnlargement: true,
      })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    const bytes = new Uint8Array(data);
    return {
      key: createHash("sha256").update(bytes).digest("hex"),
      width: info.width,
      height: info.height,
      bytes,
    };
  } catch {
    throw new DomainError("picture.unreadable", 422);
  }
}

/** Stores prepared pictures (one already stored is kept as it is) and answers them without their bytes. */
export async function storePictures(db: Db, prepared: PreparedPicture[], actor: Actor) {
  authorize(actor, "question.manage");
  if (prepared.length)
    await db
      .insert(images)
      .values(
        prepared.map(({ key, width, height, bytes }) => ({
          key,
          width,
          height,
          mime: "image/webp",
          bytes: Buffer.from(bytes),
        })),
      )
      .onConflictDoNothing();
  return prepared.map(({ key, width, height }) => ({ key, width, height }));
}

/** A stored picture's bytes, for /images/<key>.webp and the printed papers; null when there is none. */
export async function readImage(db: Db, key: string) {
  if (!/^[0-9a-f]{64}$/.test(key)) return null;
  const [row] = await db.select().from(images).where(eq(images.key, key));
  return row
    ? { bytes: new Uint8Array(row.bytes), width: row.width, height: row.height, mime: row.mime }
    : null;
}

/** The stored pictures among `keys`, with their sizes (what a form or an import may point at). */
export async function storedPictures(db: Db, keys: string[]) {
  const wanted = [...new Set(keys)].filter((k) => /^[0-9a-f]{64}$/.test(k));
  if (!wanted.length) return new Map<string, { width: number; height: number }>();
  const rows = await db
    .select({ key: images.key, width: images.width, height: images.height })
    .from(images)
    .where(inArray(images.key, wanted));
  return new Map(rows.map((r) => [r.key, { width: r.width, height: r.height }]));
}

/**
 * Stored pictures as PNG (Word and Excel show no WebP), by key, at most
 * `side` pixels on the longer side: for printed papers and exports.
 */
export async function picturesAsPng(db: Db, keys: Iterable<string>, side: number = PICTURE_LIMITS.side) {
  const out = new Map<string, { png: Uint8Array; width: number; height: number }>();
  const wanted = new Set(keys);
  if (wanted.size === 0) return out;
  const sharp = await loadSharp();
  for (const key of wanted) {
    const image = await readImage(db, key);
    if (!image) continue;
    const { data, info } = await sharp(image.bytes)
      .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
    out.set(key, { png: new Uint8Array(data), width: info.width, height: info.height });
  }
  return out;
}
