import { FieldError, useFieldError } from "~/components/ui/field";
import { PRIZE_CATEGORIES, type PrizeRowValues } from "~/forms/prizes";
import { useT } from "~/utils/i18n";

type Column = "category" | "label" | "count" | "amount";

/** What the table takes from conform's `fields.prizes`: the field's name, echoed rows and errors. */
export type PrizeTableMeta = {
  name: string;
  key?: string;
  initialValue?: unknown;
  errors?: string[];
  allErrors?: Record<string, string[]>;
};

const input = "min-h-10 rounded border-2 border-slate-400 px-2";

function rowsOf(meta: PrizeTableMeta, rows: number): Partial<PrizeRowValues>[] {
  const value = Array.isArray(meta.initialValue) ? meta.initialValue : [];
  return Array.from({ length: Math.max(rows, value.length) }, (_, i) => {
    const row: unknown = value[i];
    return typeof row === "object" && row !== null ? row : {};
  });
}

/**
 * The prize table of a contest's settings form (quiz and stage alike): one
 * row per prize from the top, posted as `prizes[i].label`, `.count`,
 * `.amount` and, with `categories`, `.category`. `names` gives each input's
 * accessible name (column, row number from 1).
 */
export function PrizeTable({
  meta,
  rows,
  legend,
  hint,
  categories = false,
  names,
}: {
  meta: PrizeTableMeta;
  rows: number;
  legend: string;
  hint?: string;
  categories?: boolean;
  names: (column: Column, n: number) => string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const columns: Column[] = categories
    ? ["category", "label", "count", "amount"]
    : ["label", "count", "amount"];
  const header = {
    category: t("contests.prizeCategory"),
    label: t("contests.prizeLabel"),
    count: t("contests.prizeCount"),
    amount: t("contests.prizeAmount"),
  };
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
      <legend className="px-1 text-xl font-bold">{legend}</legend>
      {hint ? <p className="text-base text-slate-600">{hint}</p> : null}
      <FieldError
        error={fieldError({ errors: [meta.errors ?? [], ...Object.values(meta.allErrors ?? {})].flat() })}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-base">
          <thead>
            <tr className="text-left">
              {columns.map((c) => (
                <th key={c} className="p-1">
                  {header[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody key={meta.key}>
            {rowsOf(meta, rows).map((row, i) => (
              <PrizeRow key={i} columns={columns} row={row} i={i} name={meta.name} names={names} />
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** One prize's inputs, posted as `name[i].column`. */
function PrizeRow({
  columns,
  row,
  i,
  name,
  names,
}: {
  columns: Column[];
  row: Partial<PrizeRowValues>;
  i: number;
  name: string;
  names: (column: Column, n: number) => string;
}) {
  const t = useT();
  return (
    <tr>
      {columns.map((c) => (
        <td key={c} className="p-1">
          {c === "category" ? (
            <select
              name={`${name}[${i}].category`}
              defaultValue={row.category ?? "individual"}
              aria-label={names(c, i + 1)}
              className="min-h-10 rounded border-2 border-slate-400 bg-white"
            >
              {PRIZE_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`contest.prizes.${category}`)}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={`${name}[${i}].${c}`}
              defaultValue={row[c] ?? ""}
              inputMode={c === "label" ? undefined : "numeric"}
              aria-label={names(c, i + 1)}
              className={`${input} ${c === "count" ? "w-16" : "w-32"}`}
            />
          )}
        </td>
      ))}
    </tr>
  );
}
