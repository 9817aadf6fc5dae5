/** Writes tests/fixtures/questions.xlsx: 10 CCHC and 10 CĐS questions in the import template. */
import { writeFileSync } from "node:fs";
import { QUESTION_HEADERS } from "../app/models/question-import.server";
import { writeXlsx } from "../app/models/spreadsheet.server";

const rows = [
  ...Array.from({ length: 12 }, (_, i) => [
    `NHAP-CCHC-${i + 1}`,
    "CCHC",
    "Một đáp án",
    `Câu hỏi nhập thử về cải cách hành chính số ${i + 1}?`,
    `Đáp án đúng ${i + 1}`,
    `Phương án sai A${i + 1}`,
    `Phương án sai B${i + 1}`,
    `Phương án sai C${i + 1}`,
    "",
    "",
    "A",
    "Giải thích thử.",
    "Nghị quyết 76/NQ-CP ngày 15/7/2021",
    "nhập thử",
    "Dễ",
    "Đang dùng",
  ]),
  ...Array.from({ length: 12 }, (_, i) => [
    `NHAP-CDS-${i + 1}`,
    "CĐS",
    i % 3 === 0 ? "Đúng/Sai" : "Một đáp án",
    `Câu hỏi nhập thử về chuyển đổi số số ${i + 1}?`,
    ...(i % 3 === 0
      ? ["Đúng", "Sai", "", ""]
      : [`Phương án sai D${i + 1}`, `Đáp án đúng E${i + 1}`, `Phương án sai F${i + 1}`, ""]),
    "",
    "",
    i % 3 === 0 ? "A" : "B",
    "",
    "Quyết định 505/QĐ-TTg ngày 22/4/2022",
    "nhập thử",
    "Trung bình",
    "Đang dùng",
  ]),
];
writeFileSync("tests/fixtures/questions.xlsx", await writeXlsx("Câu hỏi", QUESTION_HEADERS, rows));
console.log(`wrote ${rows.length} questions`);
