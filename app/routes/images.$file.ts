import type { LoaderFunctionArgs } from "@remix-run/node";
import { readImage } from "~/models/images.server";
import { db } from "~/utils/db.server";

/**
 * A question's or an option's picture: /images/<sha-256>.webp. Its name is
 * its content, so it is cached for a year; it is unguessable, so it needs no
 * sign-in (a quiz's pictures load like its text, also on a shared phone).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([0-9a-f]{64})\.webp$/.exec(params.file ?? "");
  const image = match ? await readImage(db, match[1]) : null;
  if (!image) throw new Response("Not found", { status: 404 });
  return new Response(image.bytes, {
    headers: {
      "Content-Type": image.mime,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
