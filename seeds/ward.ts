import type { UnitKind } from "../db/schema";

/** A fictional ward with 21 tổ dân phố and 4 schools/agencies. */
export const demoWard = { name: "Phường Hòa Thuận", province: "Tỉnh Quảng Minh" };

export const demoUnits: { code: string; name: string; kind: UnitKind; denominator: number }[] = [
  ...Array.from({ length: 21 }, (_, i) => ({
    code: `TDP${String(i + 1).padStart(2, "0")}`,
    name: `Tổ dân phố ${i + 1}`,
    kind: "to_dan_pho" as const,
    // Populations between roughly 280 and 640 people.
    denominator: 280 + ((i * 137) % 360),
  })),
  { code: "THCS", name: "Trường THCS Hòa Thuận", kind: "school", denominator: 62 },
  { code: "TH", name: "Trường Tiểu học Hòa Thuận", kind: "school", denominator: 48 },
  { code: "MN", name: "Trường Mầm non Hoa Sen", kind: "school", denominator: 30 },
  { code: "UBND", name: "UBND phường Hòa Thuận", kind: "agency", denominator: 41 },
];

/** Units with no participant in the 2022 contest (20 of 25 took part). */
export const silentUnitCodes2022 = ["TDP17", "TDP19", "TDP20", "TDP21", "MN"];

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Kim", "Xuân", "Công"];
const GIVEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hạnh",
  "Hoa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Ngân",
  "Phúc",
  "Phương",
  "Quang",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Trung",
  "Tuấn",
  "Vy",
  "Yến",
];

/** mulberry32: a small seeded generator so the demo data is the same on every machine. */
export function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function personName(random: () => number) {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  return `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
}
