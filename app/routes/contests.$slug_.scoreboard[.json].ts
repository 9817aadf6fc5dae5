import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { projectorBoard } from "~/models/projector.server";
import { db } from "~/utils/db.server";
import { orHttpError, parseParams } from "~/utils/http.server";

const ParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The projector's board as JSON: what `/contests/:slug/scoreboard` polls every 2 seconds. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug } = parseParams(ParamsSchema, params);
  const board = await orHttpError(() => projectorBoard(db, slug, new URL(request.url).origin));
  return Response.json(board, { headers: { "Cache-Control": "no-store" } });
}
