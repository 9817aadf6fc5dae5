import { useState } from "react";
import { UNIT_KINDS } from "#db/constants";
import { useLocale, useT, type MessageKey } from "~/utils/i18n";

type Row = {
  id: number;
  name: string;
  kind: string;
  denominator: number | null;
  participants: number;
  entries: number;
  participationRate: number | null;
  averageScore: number | null;
  bestScore?: number | null;
  perfectScores?: number;
  assistedShare?: number | null;
};

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : `${(v * 100).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`;

/** Per-unit participation, sortable by any column and filterable by kind; units nobody entered from are marked. */
export function UnitStatsTable({ units, detailed }: { units: Row[]; detailed: boolean }) {
  const t = useT();
  const [sort, setSort] = useState<{ key: keyof Row; desc: boolean }>({
    key: "participationRate",
    desc: true,
  });
  const [kind, setKind] = useState("");
  const columns: [keyof Row, MessageKey][] = [
    ["name", "review.unit"],
    ["denominator", "stats.denominator"],
    ["participants", "stats.participants"],
    ["entries", "stats.entries"],
    ["participationRate", "stats.rate"],
    ["averageScore", "stats.average"],
    ...(detailed
      ? ([
          ["bestScore", "stats.best"],
          ["perfectScores", "stats.perfect"],
          ["assistedShare", "stats.assisted"],
        ] as [keyof Row, MessageKey][])
      : []),
  ];
  const rows = units
    .filter((u) => !kind || u.kind === kind)
    .sort((a, b) => {
      const x = a[sort.key] ?? -Infinity;
      const y = b[sort.key] ?? -Infinity;
      const d =
        typeof x === "string" || typeof y === "string"
          ? String(x).localeCompare(String(y), "vi")
          : Number(x) - Number(y);
      return (sort.desc ? -d : d) || a.id - b.id;
    });
  return (
    <div className="flex flex-col gap-2">
      <KindFilter kind={kind} setKind={setKind} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-base">
          <thead className="bg-slate-100">
            <tr>
              {columns.map(([key, label]) => (
                <th
                  key={key}
                  className="p-2"
                  aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : undefined}
                >
                  <button
                    type="button"
                    className="font-semibold underline-offset-4 hover:underline"
                    onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : true }))}
                  >
                    {t(label)} {sort.key === key ? (sort.desc ? "▼" : "▲") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <UnitRow key={u.id} unit={u} detailed={detailed} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The filter by unit kind ("all" first). */
function KindFilter({ kind, setKind }: { kind: string; setKind: (kind: string) => void }) {
  const t = useT();
  return (
    <label className="flex items-center gap-2 text-base">
      {t("units.kind")}
      <select
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        className="min-h-10 rounded border-2 border-slate-400 bg-white px-2"
      >
        <option value="">{t("org.all")}</option>
        {UNIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`unitKind.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** One unit's figures; a unit nobody entered from is marked. */
function UnitRow({ unit: u, detailed }: { unit: Row; detailed: boolean }) {
  const t = useT();
  const locale = useLocale();
  const num = (v: number | null | undefined, digits = 0) =>
    v === null || v === undefined
      ? "—"
      : v.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits });
  return (
    <tr className={`border-t border-slate-200 ${u.participants === 0 ? "bg-amber-50" : ""}`}>
      <td className="p-2">
        {u.name}
        {u.participants === 0 ? (
          <strong className="ml-2 rounded bg-amber-200 px-1 text-sm text-amber-900">
            {t("stats.noParticipants")}
          </strong>
        ) : null}
      </td>
      <td className="p-2 tabular-nums">{num(u.denominator)}</td>
      <td className="p-2 tabular-nums">{num(u.participants)}</td>
      <td className="p-2 tabular-nums">{num(u.entries)}</td>
      <td className="p-2 tabular-nums">{pct(u.participationRate)}</td>
      <td className="p-2 tabular-nums">{num(u.averageScore, 2)}</td>
      {detailed ? (
        <>
          <td className="p-2 tabular-nums">{num(u.bestScore)}</td>
          <td className="p-2 tabular-nums">{num(u.perfectScores)}</td>
          <td className="p-2 tabular-nums">{pct(u.assistedShare)}</td>
        </>
      ) : null}
    </tr>
  );
}
