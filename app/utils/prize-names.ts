/**
 * Prize names in the page's language. Apart from the dictionaries (i18n.ts)
 * so that the build-time scan of residents' texts (resident-texts.server.ts)
 * sees the keys named here and residents' pages carry them.
 */
import type { Translate } from "./i18n";

/** The standard prize names the app proposes, whatever their spelling ("Nhất", "giải nhất"). */
const STANDARD_PRIZES: Record<string, "first" | "second" | "third" | "consolation"> = {
  nhất: "first",
  nhì: "second",
  ba: "third",
  "khuyến khích": "consolation",
};

function standardPrize(label: string) {
  const bare = label
    .normalize("NFC")
    .trim()
    .toLocaleLowerCase("vi")
    .replace(/^giải\s+/, "")
    .replace(/\s+/g, " ");
  return STANDARD_PRIZES[bare];
}

/**
 * A prize's name in the page's language: "Giải Nhất" / "First prize" for the
 * standard names, "Giải {label}" / "Prize “{label}”" for a name the organiser
 * typed (kept as written).
 */
export function prizeName(t: Translate, label: string) {
  switch (standardPrize(label)) {
    case "first":
      return t("prize.first");
    case "second":
      return t("prize.second");
    case "third":
      return t("prize.third");
    case "consolation":
      return t("prize.consolation");
    default:
      return t("prize.custom", { label: label.trim().replace(/^giải\s+/i, "") });
  }
}

/** The short form for lists ("3 giải Nhất"): the standard names translated, others as written. */
export function prizeLabel(t: Translate, label: string) {
  switch (standardPrize(label)) {
    case "first":
      return t("prize.short.first");
    case "second":
      return t("prize.short.second");
    case "third":
      return t("prize.short.third");
    case "consolation":
      return t("prize.short.consolation");
    default:
      return label;
  }
}
