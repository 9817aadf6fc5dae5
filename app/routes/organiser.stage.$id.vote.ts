import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { AudienceVoteCueSchema } from "~/forms/audience-vote";
import { closeAudienceVote, openAudienceVote } from "~/models/audience-vote.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { parseParams, readForm } from "~/utils/http.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** Nothing to show here: the vote's buttons live on Điều hành. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { id } = parseParams(ParamsSchema, params);
  return redirect(`/organiser/stage/${id}/live`);
}

/**
 * The organiser's cue for the audience vote ("Mở bình chọn", "Đóng bình
 * chọn"), posted from Điều hành's panel; the answer goes back there as
 * `?binh-chon=<message key>`, with or without JavaScript.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  const parsed = AudienceVoteCueSchema.safeParse(Object.fromEntries(await readForm(request)));
  const back = (key: string) =>
    redirect(`/organiser/stage/${id}/live?binh-chon=${encodeURIComponent(key)}#binh-chon`);
  if (!parsed.success) return back("error.generic");
  try {
    if (parsed.data.intent === "open") {
      await openAudienceVote(db, { contestId: id, actor: user });
      return back("audienceVote.opened");
    }
    await closeAudienceVote(db, { contestId: id, actor: user });
    return back("audienceVote.closed");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 404) throw data({ code: error.code }, { status: 404 });
    return back(error.code);
  }
}
