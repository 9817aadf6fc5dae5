/**
 * Numbers as people in Vietnam type them, one reading for the server and the
 * browser. "7,5" and "7.5" are both seven and a half; "1.000.000",
 * "1,000,000" and "1 000 000" are one million. What has two readings is
 * refused with a message, never guessed: in a field that takes decimals,
 * "1,500" could be 1,5 or 1.500. A whole-number field reads a lone separator
 * before exactly three digits as thousands ("1.500" people), since a decimal
 * is not allowed there anyway; before any other count of digits it is a
 * decimal point, and refused ("7,5" minutes where only whole minutes make
 * sense is never 75).
 */
import { translate, type Locale, type MessageKey } from "./i18n";

export type NumberRule = {
  /** Digits allowed after the decimal separator: 0 (the default) for whole numbers. */
  decimals?: number;
  /** Smallest value allowed; 0 unless given. */
  min?: number;
  max?: number;
};

export type NumberProblem = { key: MessageKey; vars: Record<string, string | number> };

/** `value` is null when the field was left empty (the caller decides whether that is allowed). */
export type ParsedNumber = { ok: true; value: number | null } | { ok: false; problem: NumberProblem };

const MAX_DIGITS = 15;

/** A number for an input field, as it would be typed: "7,5", "1500" (no grouping, so it reads back the same). */
export function toInputNumber(n: number | null | undefined) {
  return n === null || n === undefined || !Number.isFinite(n) ? "" : String(n).replace(".", ",");
}

/** A number for messages: vi-VN "1.500", "7,5". */
const shown = (n: number) => new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 }).format(n);

const fail = (key: MessageKey, vars: Record<string, string | number>): ParsedNumber => ({
  ok: false,
  problem: { key, vars },
});

export function parseVnNumber(input: string, rule: NumberRule = {}): ParsedNumber {
  const decimals = rule.decimals ?? 0;
  const min = rule.min ?? 0;
  const text = input.replace(/[\s\u00a0\u202f]+/g, " ").trim();
  if (text === "") return { ok: true, value: null };
  const shownText = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  let body = text;
  const negative = /^[-\u2212]/.test(body);
  if (negative) body = body.slice(1).trim();
  if (!/^[\d., ]+$/.test(body) || !/\d/.test(body)) return fail("numbers.notNumber", { text: shownText });

  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  let integerPart = body;
  let fraction: string | null = null;
  let grouping = [" "];
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the last one is the decimal point, the other groups thousands.
    const decimalMark = lastDot > lastComma ? "." : ",";
    if (body.split(decimalMark).length > 2) return fail("numbers.grouping", { text: shownText });
    [integerPart, fraction] = body.split(decimalMark);
    grouping = [" ", decimalMark === "." ? "," : "."];
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const pieces = body.split(mark);
    if (pieces.length > 2) grouping = [" ", mark];
    else {
      const [before, after] = pieces;
      // "1.500": thousands or one and a half? Only a whole-number field can tell.
      const thousandsToo = /^\d{3}$/.test(after) && /^\d{1,3}( \d{3})*$/.test(before) && !/^0$/.test(before);
      if (thousandsToo && decimals === 0) grouping = [" ", mark];
      else if (thousandsToo) {
        const plain = before.replace(/ /g, "");
        const asDecimal = Number(`${plain}.${after}`);
        const asThousands = Number(`${plain}${after}`);
        return fail("numbers.ambiguous", {
          text: shownText,
          decimal: shown(asDecimal),
          thousands: shown(asThousands),
          decimalPlain: toInputNumber(asDecimal),
          thousandsPlain: String(asThousands),
        });
      } else [integerPart, fraction] = [before, after];
    }
  }
  if (fraction !== null && !/^\d+$/.test(fraction)) return fail("numbers.notNumber", { text: shownText });

  const groups = integerPart.split(new RegExp(`[${grouping.map((g) => `\\${g}`).join("")}]`));
  if (groups.length > 1 && !(/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g))))
    return fail("numbers.grouping", { text: shownText });
  const digits = groups.join("");
  if (!/^\d*$/.test(digits) || (digits === "" && fraction === null))
    return fail("numbers.notNumber", { text: shownText });
  if (digits.replace(/^0+/, "").length > MAX_DIGITS) return fail("numbers.tooBig", { text: shownText });

  const significant = (fraction ?? "").replace(/0+$/, "");
  if (significant.length > decimals)
    return decimals === 0
      ? fail("numbers.wholeOnly", { text: shownText })
      : fail("numbers.tooManyDecimals", { text: shownText, n: decimals });
  const magnitude = Number(`${digits || "0"}.${significant || "0"}`);
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  if (value < min || (rule.max !== undefined && value > rule.max))
    return rule.max === undefined
      ? fail("numbers.min", { min: shown(min) })
      : fail("numbers.range", { min: shown(min), max: shown(rule.max) });
  return { ok: true, value };
}

export function numberProblemText(problem: NumberProblem, locale: Locale = "vi") {
  return translate(locale, problem.key, problem.vars);
}

/** A whole number from a form value, or the fallback when it is empty or cannot be read. */
export function wholeOr(value: FormDataEntryValue | null, fallback = Number.NaN) {
  const parsed = parseVnNumber(String(value ?? ""), { min: Number.NEGATIVE_INFINITY });
  return parsed.ok && parsed.value !== null ? parsed.value : fallback;
}

/**
 * Reads form fields as numbers, keeping one Vietnamese message per problem
 * key for the fields that cannot be read (the form shows it next to the field).
 */
export function formNumbers(form: FormData, locale: Locale = "vi") {
  const problems: Record<string, string> = {};
  return {
    problems,
    /** null when left empty; NaN, with a message under `problemKey`, when it cannot be read. */
    read(name: string, rule: NumberRule = {}, problemKey = name): number | null {
      const parsed = parseVnNumber(String(form.get(name) ?? ""), rule);
      if (parsed.ok) return parsed.value;
      problems[problemKey] ??= numberProblemText(parsed.problem, locale);
      return Number.NaN;
    },
  };
}

/**
 * Messages for whole-number fields of a form that cannot be read, by problem
 * key: `{ timeLimitMin: "timeLimitSec", "prizeAmount-*": "prizes" }` checks
 * `timeLimitMin` and every field whose name starts with `prizeAmount-`.
 */
export function wholeNumberProblems(form: FormData, fields: Record<string, string>) {
  const numbers = formNumbers(form);
  for (const name of new Set(form.keys()))
    for (const [pattern, problemKey] of Object.entries(fields))
      if (pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern)
        numbers.read(name, { min: Number.NEGATIVE_INFINITY }, problemKey);
  return numbers.problems;
}
