import { RankingTable, useSeparatedBy } from "~/components/results/ranking-table";
import { formatDuration } from "~/utils/format";
import { useHasMessage, useLocale, useT } from "~/utils/i18n";

type Row = {
  key: string;
  attemptId: string;
  rank: number | null;
  status: string;
  name: string;
  unitName: string | null;
  score: number;
  prediction: number | null;
  durationMs: number;
  prize: { label: string } | null;
  separatedBy: string | null;
};

/**
 * A quiz's ranking of individuals or teams (the same rules), each row with
 * the rule that put it below the row above and its flags; this entry or
 * the whole person (team) can be disqualified.
 */
export function EntryTable({
  title,
  entries,
  flags,
  final,
  subject,
}: {
  title: string;
  entries: Row[];
  flags: Record<string, string[]>;
  final: boolean;
  subject: "user" | "team";
}) {
  const t = useT();
  const has = useHasMessage();
  const locale = useLocale();
  const sep = useSeparatedBy();
  const flag = (f: string) => {
    const key = `flag.${f}`;
    return has(key) ? t(key) : f;
  };
  return (
    <RankingTable
      title={title}
      rows={entries}
      rowKey={(e) => e.attemptId}
      final={final}
      columns={[
        { header: t(subject === "team" ? "review.target.team" : "review.name"), cell: (e) => e.name },
        { header: t("review.unit"), cell: (e) => e.unitName },
        { header: t("review.score"), cell: (e) => e.score, className: "tabular-nums" },
        { header: t("review.prediction"), cell: (e) => e.prediction ?? "—", className: "tabular-nums" },
        { header: t("review.duration"), cell: (e) => formatDuration(e.durationMs, locale) },
        { header: t("review.prize"), cell: (e) => e.prize?.label ?? "", className: "font-semibold" },
        { header: t("review.why"), cell: (e) => sep(e.separatedBy), className: "text-sm" },
        {
          header: t("review.flags"),
          cell: (e) => (flags[e.attemptId] ?? []).map(flag).join("; "),
          className: "text-accent-600 text-sm",
        },
      ]}
      disqualify={(e) => ({
        targets: [
          [`attempt:${e.attemptId}`, "review.target.attempt"],
          [`${subject}:${e.key.slice(1)}`, `review.target.${subject}`],
        ],
        label: e.name,
      })}
    />
  );
}
