import { DisqualifyButton } from "~/components/results/disqualify-button";
import { formatDuration } from "~/utils/format";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";

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
 * One ranked table of the committee's review (individuals, or teams: the
 * same rules), each row with the rule that put it below the row above, its
 * flags and, until the results are locked, the disqualify form.
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
  const locale = useLocale();
  const sep = (s: string | null) => (s ? t(`review.sep.${s}` as MessageKey) : "");
  return (
    <section aria-label={title}>
      <h2 className="mb-2 text-2xl font-bold">{title}</h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              {[
                "review.rank",
                subject === "team" ? "review.target.team" : "review.name",
                "review.unit",
                "review.score",
                "review.prediction",
                "review.duration",
                "review.prize",
                "review.why",
                "review.flags",
              ].map((k) => (
                <th key={k} className="p-2">
                  {t(k as MessageKey)}
                </th>
              ))}
              <th className="p-2" />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.attemptId}
                className={`border-t border-slate-200 ${e.status !== "ranked" ? "text-slate-500" : ""}`}
              >
                <td className="p-2">{e.rank ?? t(`review.status.${e.status}` as MessageKey)}</td>
                <td className="p-2">{e.name}</td>
                <td className="p-2">{e.unitName}</td>
                <td className="p-2 tabular-nums">{e.score}</td>
                <td className="p-2 tabular-nums">{e.prediction ?? "—"}</td>
                <td className="p-2">{formatDuration(e.durationMs, locale)}</td>
                <td className="p-2 font-semibold">{e.prize?.label ?? ""}</td>
                <td className="p-2 text-sm">{sep(e.separatedBy)}</td>
                <td className="text-accent-600 p-2 text-sm">
                  {(flags[e.attemptId] ?? []).map((f) => t(`flag.${f}` as MessageKey)).join("; ")}
                </td>
                <td className="p-2">
                  {!final && e.status === "ranked" ? (
                    <DisqualifyButton
                      targets={[
                        [`attempt:${e.attemptId}`, "review.target.attempt"],
                        [`${subject}:${e.key.slice(1)}`, `review.target.${subject}`],
                      ]}
                      label={e.name}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
