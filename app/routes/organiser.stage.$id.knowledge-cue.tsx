import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { cueQuestion, KnowledgeCueSchema } from "~/forms/stage-knowledge";
import {
  hideKnowledgeQuestion,
  revealKnowledgeAnswer,
  showKnowledgeQuestion,
} from "~/models/stage-knowledge.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { parseParams, readForm } from "~/utils/http.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** Nothing to show here (an address typed or reloaded): the cues' buttons live on Điều hành. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["organiser"]);
  const { id } = parseParams(ParamsSchema, params);
  return redirect(`/organiser/stage/${id}/live`);
}

/** The MC's cue from Điều hành: back to Điều hành, with the refusal's message key if it was refused. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["organiser"]);
  const { id: contestId } = parseParams(ParamsSchema, params);
  const parsed = KnowledgeCueSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { partId, cue } = parsed.data;
  const input = { contestId, partId, actor: user };
  const live = `/organiser/stage/${contestId}/live`;
  try {
    const no = cueQuestion(cue);
    if (no !== null) await showKnowledgeQuestion(db, { ...input, no });
    else if (cue === "reveal") await revealKnowledgeAnswer(db, input);
    else await hideKnowledgeQuestion(db, input);
    return redirect(live);
  } catch (error) {
    if (error instanceof DomainError)
      return redirect(`${live}?${new URLSearchParams({ cuePart: String(partId), cueError: error.code })}`);
    throw error;
  }
}
