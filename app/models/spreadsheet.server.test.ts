import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { translate, type Message } from "~/utils/i18n";
import { IMPORT_LIMITS } from "~/utils/import-limits";
import {
  exportDateTime,
  fileResponse,
  neutralise,
  parseCsv,
  readTable,
  writeCsv,
  writeXlsx,
} from "./spreadsheet.server";
import { parseUnitTable } from "./units.server";
import { zip, zeros } from "../../tests/zip-bomb";

const bytes = (text: string) => new TextEncoder().encode(text);
const FORMULA_NAME = '=HYPERLINK("http://x","Bấm vào đây")';

/** The problems as the organiser reads them (the models answer in message keys). */
const inVietnamese = <P extends { message: Message }>(problems: P[]) =>
  problems.map((p) => ({ ...p, message: translate("vi", p.message) }));

describe("CSV and XLSX exports", () => {
  it("writes CSV for Vietnamese Excel: a BOM, ';' between cells, decimal commas", () => {
    const csv = writeCsv(["Tên", "Điểm", "Số tiền"], [["Nguyễn Văn A", 7.5, 4000000]]);
    expect(csv.startsWith("\uFEFFTên;Điểm;Số tiền\r\n")).toBe(true);
    expect(csv).toBe("\uFEFFTên;Điểm;Số tiền\r\nNguyễn Văn A;7,5;4000000\r\n");
  });

  it("never writes a live formula: a cell starting with = + - @ tab or CR gets a leading '", () => {
    const values = [FORMULA_NAME, "+84 900", "-1+1", "@SUM(A1)", "\tx", "\rx", "a=b", -0.25];
    const csv = writeCsv(
      ["Tên", "Ghi chú"],
      values.map((v) => [v, ""]),
    );
    const cells = parseCsv(csv).map((r) => r[0]);
    expect(cells.slice(1)).toEqual([
      `'${FORMULA_NAME}`,
      "'+84 900",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "a=b",
      // A number we computed is a number, not text a person typed.
      "-0,25",
    ]);
    expect(csv).not.toMatch(/(^|;|\n)=/);
    expect(neutralise("Tổ dân phố 1")).toBe("Tổ dân phố 1");
  });

  it("re-imports its own export as it was written: the ' is dropped again", async () => {
    const table = await readTable(bytes(writeCsv(["Tên đơn vị", "Loại"], [[FORMULA_NAME, "Khác"]])));
    expect(table.rows[0].cells).toEqual([FORMULA_NAME, "Khác"]);
  });

  it("writes XLSX text cells that are never formulas", async () => {
    const file = await writeXlsx("Xếp hạng", ["Tên", "Điểm"], [[FORMULA_NAME, 7.5]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0].getCell("A2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${FORMULA_NAME}`);
    expect(workbook.worksheets[0].getCell("B2").value).toBe(7.5);
  });

  it("gives times in Hà Nội as dd/mm/yyyy HH:mm", () => {
    expect(exportDateTime(Date.UTC(2022, 3, 5, 1, 0))).toBe("05/04/2022 08:00");
    expect(exportDateTime(Date.UTC(2022, 3, 24, 17, 30))).toBe("25/04/2022 00:30");
  });

  it("is a download with the Vietnamese file name and an ASCII fallback", () => {
    const response = fileResponse("x", "Xếp hạng cchc-2022.csv");
    expect(response.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"xep-hang-cchc-2022.csv\"; filename*=UTF-8''X%E1%BA%BFp%20h%E1%BA%A1ng%20cchc-2022.csv",
    );
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  });
});

describe("import bounds", () => {
  it("refuses a zip bomb from its stated sizes, with its own message", async () => {
    // 1.4 GB of zeros in about 1.4 MB, as in the report.
    const bomb = zip("xl/worksheets/sheet1.xml", zeros(1400), 1400 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.fileBytes);
    const before = process.memoryUsage().rss;
    await expect(readTable(bomb)).rejects.toMatchObject({ code: "import.unzippedTooLarge" });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses a zip bomb that understates its sizes, inflating no further than the limit", async () => {
    const liar = zip("xl/worksheets/sheet1.xml", zeros(200), 200 * 1024 * 1024, 1000);
    const before = process.memoryUsage().rss;
    await expect(readTable(liar)).rejects.toMatchObject({ code: "import.unzippedTooLarge" });
    expect(process.memoryUsage().rss - before).toBeLessThan(IMPORT_LIMITS.unzippedBytes + 50 * 1024 * 1024);
  });

  it("still says 'not a spreadsheet' for a broken zip", async () => {
    const small = zeros(1);
    await expect(readTable(zip("a.xml", small, 1024 * 1024, 10))).rejects.toMatchObject({
      code: "import.notSpreadsheet",
    });
    await expect(readTable(zip("a.xml", small, 1024 * 1024).slice(0, 200))).rejects.toMatchObject({
      code: "import.notSpreadsheet",
    });
  });

  it(`accepts ${IMPORT_LIMITS.rows} data rows and refuses one more`, async () => {
    const csv = (n: number) =>
      bytes(["Tên đơn vị;Loại", ...Array.from({ length: n }, (_, i) => `Tổ ${i};Khác`)].join("\n"));
    expect((await readTable(csv(IMPORT_LIMITS.rows))).rows).toHaveLength(IMPORT_LIMITS.rows);
    await expect(readTable(csv(IMPORT_LIMITS.rows + 1))).rejects.toMatchObject({
      code: "import.tooManyRows",
    });
  });

  it("refuses data beyond the column limit but not Excel's trailing empty cells", async () => {
    const empty = ";".repeat(IMPORT_LIMITS.columns + 20);
    expect((await readTable(bytes(`Tên đơn vị;Loại${empty}\nTổ 1;Khác${empty}\n`))).rows).toHaveLength(1);
    const far = `Tên đơn vị;Loại${";".repeat(IMPORT_LIMITS.columns)}X\nTổ 1;Khác\n`;
    await expect(readTable(bytes(far))).rejects.toMatchObject({ code: "import.tooManyColumns" });
  });

  it("reports a 1 MB cell as a problem on its row, so the file is refused", async () => {
    const huge = "A".repeat(1024 * 1024);
    const table = await readTable(bytes(`Tên đơn vị;Loại\nTổ 1;Khác\n${huge};Khác\n`));
    const { inputs, problems } = parseUnitTable(table, new Set());
    expect(inVietnamese(problems)).toEqual([
      { line: 3, message: "Ô ở cột “Tên đơn vị” dài 1.048.576 ký tự, tối đa 2.000 ký tự." },
      { line: 3, message: "Tên đơn vị dài quá 120 ký tự." },
    ]);
    expect(inputs).toHaveLength(1);
  });
});
