import type { StageTie } from "~/models/ranking.server";
import type { Translate } from "~/utils/i18n";

/** One sentence saying how a stage team's tie on the total was settled (winners page, results.json, exports). */
export function tieReason(tie: StageTie | null | undefined, t: Translate) {
  if (!tie) return null;
  const vars = { team: tie.other, part: tie.part ?? "" };
  if (tie.rule === "tiebreak") return t(tie.above ? "tie.tiebreakAbove" : "tie.tiebreakBelow", vars);
  if (tie.rule === "committee") return t(tie.part ? "tie.committee" : "tie.committeeNoPart", vars);
  return t("tie.unresolved", vars);
}
