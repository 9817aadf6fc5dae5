import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { saveJudgeScore } from "~/models/stage-judging.server";
import { requireApiUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { parseVnNumber } from "~/utils/numbers";
import { isStorageUnavailable, storageUnavailableJson } from "~/utils/storage-errors.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });
const BodySchema = z.object({
  partId: z.number().int().positive(),
  teamId: z.number().int().positive(),
  // Numbers, or text as a judge types it ("8,5"), read by the same rules as the score sheet.
  values: z
    .record(z.string().max(20), z.union([z.number(), z.string().max(20)]))
    .refine((v) => Object.keys(v).length <= 50),
  comment: z.string().max(1000),
  // The version of this score the sheet saw (decision 006): it replaces that version only.
  base: z.number().int().nonnegative(),
  // The judge whose sheet made the score (a tablet the panel shares): never saved as someone else's.
  judgeId: z.number().int().positive().optional(),
});

export function loader() {
  return Response.json({ error: "error.badRequest" }, { status: 405, headers: { Allow: "POST" } });
}

/** A judge's score from the phone's outbox (JSON); repeated saves update the same score. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireApiUser(request);
  const parsedParams = ParamsSchema.safeParse(params);
  if (!parsedParams.success) return Response.json({ error: "contest.notFound" }, { status: 404 });
  if (request.method !== "POST") return Response.json({ error: "error.badRequest" }, { status: 405 });
  const body = BodySchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ error: "stage.scoreRange" }, { status: 422 });
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(body.data.values)) {
    const parsed =
      typeof value === "number" ? { ok: true as const, value } : parseVnNumber(value, { decimals: 1 });
    if (!parsed.ok || parsed.value === null)
      return Response.json({ error: "stage.scoreRange" }, { status: 422 });
    values[key] = parsed.value;
  }
  try {
    const { judgeId, ...score } = body.data;
    const result = await saveJudgeScore(db, {
      contestId: parsedParams.data.id,
      judge: user,
      madeBy: judgeId,
      ...score,
      values,
    });
    if (result.outcome === "saved")
      return Response.json({ ok: true, totalTenths: result.totalTenths, version: result.version });
    // Another phone saved since this sheet's base: nothing changed; the sheet shows what is held.
    return Response.json(
      {
        error: "judge.scoreConflict",
        version: result.version,
        values: result.values,
        comment: result.comment ?? "",
      },
      { status: 409 },
    );
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.code }, { status: error.status });
    if (isStorageUnavailable(error)) return storageUnavailableJson();
    throw error;
  }
}
