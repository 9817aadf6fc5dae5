import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Alert } from "~/components/ui/field";
import { useIsMessage, useT } from "~/utils/i18n";
import { useRunningSeconds } from "./running-clock";

/** A knowledge part's cue state, as Điều hành's loader has it. */
type CuePart = {
  id: number;
  knowledgeShownNo: number | null;
  knowledgeShownAt: number | null;
  knowledgeRevealedAt: number | null;
  knowledgeSeconds: number | null;
  closedAt: number | null;
};

const cueFormId = (partId: number) => `knowledge-cue-${partId}`;
const DEFAULT_SECONDS = 30;

/**
 * The MC's cue form for a knowledge part and what the projector shows of it
 * ("Đang chiếu câu 3 · còn 12 giây"). Rendered outside the marking form: the
 * buttons beside each question (KnowledgeCueButtons) submit it through their
 * `form` attribute, so ticking answers and cueing never mix. A plain form
 * (it works without JavaScript): the cue answers by sending the MC back to
 * Điều hành, with `?cueError=` when it was refused.
 */
export function KnowledgeCuePanel({ part, contestId, at }: { part: CuePart; contestId: number; at: number }) {
  const t = useT();
  const has = useIsMessage();
  const [params] = useSearchParams();
  const sending = useNavigation().state !== "idle";
  const error = sending || params.get("cuePart") !== String(part.id) ? null : params.get("cueError");
  return (
    <Form
      id={cueFormId(part.id)}
      method="post"
      action={`/organiser/stage/${contestId}/knowledge-cue`}
      preventScrollReset
      className="my-2 flex flex-col gap-2"
    >
      <input type="hidden" name="partId" value={part.id} />
      <CueState key={part.knowledgeShownAt ?? 0} part={part} at={at} />
      {error ? <Alert>{has(error) ? t(error) : t("error.generic")}</Alert> : null}
    </Form>
  );
}

function CueState({ part, at }: { part: CuePart; at: number }) {
  const t = useT();
  const elapsed = useRunningSeconds(part.knowledgeShownAt, at);
  const no = part.knowledgeShownNo;
  const left = Math.max(0, (part.knowledgeSeconds ?? DEFAULT_SECONDS) - elapsed);
  const text =
    no === null
      ? t("stageKnowledge.off")
      : part.knowledgeRevealedAt !== null
        ? t("stageKnowledge.revealed", { n: no })
        : left > 0
          ? t("stageKnowledge.showing", { n: no, sec: left })
          : t("stageKnowledge.showingTimeUp", { n: no });
  return (
    <p className="text-lg font-semibold" data-testid={`knowledge-cue-state-${part.id}`}>
      {t("stageKnowledge.cue")}: {text}
    </p>
  );
}

/** Beside question `no`: show it on the projector; for the question shown, reveal its answer or take it off. */
export function KnowledgeCueButtons({ part, no }: { part: CuePart; no: number }) {
  const t = useT();
  const closed = part.closedAt !== null;
  const small = "min-h-10 px-3 py-1 text-base";
  const cue = { form: cueFormId(part.id), name: "cue", disabled: closed, className: small };
  return (
    <div className="flex flex-wrap gap-1">
      <Button {...cue} value={`show-${no}`} variant="secondary">
        {t("stageKnowledge.show", { n: no })}
      </Button>
      {part.knowledgeShownNo === no ? (
        <>
          <Button {...cue} value="reveal" disabled={closed || part.knowledgeRevealedAt !== null}>
            {t("stageKnowledge.reveal")}
          </Button>
          <Button {...cue} value="hide" variant="secondary">
            {t("stageKnowledge.hide")}
          </Button>
        </>
      ) : null}
    </div>
  );
}
