/** Reading and writing the CSV and XLSX files organisers import and export. */
import { DomainError } from "~/utils/errors";
import { message, type Message } from "~/utils/i18n";
import { TIME_ZONE } from "~/utils/format";
import { IMPORT_LIMITS } from "~/utils/import-limits";
import { checkZipSize } from "./zip-guard.server";

export const MAX_IMPORT_BYTES = IMPORT_LIMITS.fileBytes;

export type RowProblem = { line: number; message: Message };

export type Table = {
  headers: string[];
  rows: { line: number; cells: string[] }[];
  /** Cells over the length limit, one problem each. */
  problems: RowProblem[];
  /**
   * Pictures the file carries (a picture placed in an XLSX cell, one in a Word
   * document), by the token its cell holds: "upload:1", "upload:2" …
   */
  images?: Map<string, Uint8Array>;
  /** What a problem's line counts: a spreadsheet's row (the default) or a Word file's question ("Câu 3"). */
  lineKind?: "row" | "question";
};

/** Lower-case, no diacritics, single spaces: "Đáp án đúng" → "dap an dung". */
export function normaliseHeader(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * RFC 4180 CSV with "," or ";" (Excel in Vietnamese uses ";"), quotes and a
 * UTF-8 BOM, one record at a time. Cells past `maxColumns` must be empty
 * (Excel often writes trailing ";;;"); one that is not stops the reading.
 */
function eachCsvRecord(text: string, visit: (cells: string[]) => void, maxColumns = Infinity) {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    if (row.length < maxColumns) row.push(cell);
    else if (cell.trim() !== "") throw new DomainError("import.tooManyColumns", 422);
    cell = "";
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      endCell();
      visit(row);
      row = [];
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    endCell();
    visit(row);
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  eachCsvRecord(text, (cells) => rows.push(cells));
  return rows;
}

/** ExcelJS, loaded on first use: ~28 MB that a server which never reads or writes a spreadsheet need not hold. */
async function excel() {
  return (await import("exceljs")).default;
}

function isZip(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Our exports put a ' before a cell that would be a formula (see `neutralise`); reading drops it again. */
const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/**
 * Reads the first sheet of an XLSX file or a CSV file into header + rows
 * (with their line numbers as the organiser sees them), dropping empty rows.
 * Refuses, with a message naming the limit, a file over IMPORT_LIMITS in
 * size, decompressed size, rows or columns; a cell over the length limit is
 * a problem on its row, reported with the others.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw new DomainError("import.empty", 422);
  if (bytes.length > IMPORT_LIMITS.fileBytes) throw new DomainError("import.tooLarge", 422);
  const table: Table = { headers: [], rows: [], problems: [] };
  const { rows, problems } = table;
  let haveHeaders = false;
  const visit = (raw: string[], line: number) => {
    const cells = raw.map((c) => unneutralise(c.trim()));
    if (!cells.some((c) => c !== "")) return;
    if (!haveHeaders) {
      table.headers = cells;
      haveHeaders = true;
      return;
    }
    if (rows.length >= IMPORT_LIMITS.rows) throw new DomainError("import.tooManyRows", 422);
    cells.forEach((c, i) => {
      if (c.length > IMPORT_LIMITS.cellChars) {
        const column = table.headers[i] || `${i + 1}`;
        problems.push({
          line,
          message: message("import.cellTooLong", { column, length: c.length, max: IMPORT_LIMITS.cellChars }),
        });
      }
    });
    rows.push({ line, cells });
  };
  if (isZip(bytes)) {
    checkZipSize(bytes, IMPORT_LIMITS.unzippedBytes);
    const workbook = new (await excel()).Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new DomainError("import.notSpreadsheet", 422);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new DomainError("import.empty", 422);
    // Only the cells that exist: sheet.columnCount walks every row on each call,
    // which made reading 8,000 rows take a minute.
    sheet.eachRow((row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell((cell, column) => {
        const text = cell.text ?? "";
        if (column <= IMPORT_LIMITS.columns) cells[column - 1] = text;
        else if (text.trim() !== "") throw new DomainError("import.tooManyColumns", 422);
      });
      visit(
        Array.from(cells, (c) => c ?? ""),
        rowNumber,
      );
    });
    placePictures(workbook, sheet, table);
  } else {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    // Binary files (a PDF, an image, an old .xls) are full of control characters.
    // eslint-disable-next-line no-control-regex -- counting control characters is the point
    const control = text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
    if (control > 5) throw new DomainError("import.notSpreadsheet", 422);
    let line = 0;
    eachCsvRecord(text, (cells) => visit(cells, ++line), IMPORT_LIMITS.columns);
  }
  if (!haveHeaders || rows.length === 0) throw new DomainError("import.empty", 422);
  return table;
}

type Workbook = InstanceType<Awaited<ReturnType<typeof excel>>["Workbook"]>;

/**
 * A picture placed on the sheet belongs to the cell its top-left corner is
 * in: an empty cell of a kept row takes the token "upload:N", and the bytes
 * go in `table.images`. A cell that already names a picture (an export's
 * "#…" beside its thumbnail) keeps its text; a second picture on one cell
 * is a problem of that row.
 */
function placePictures(workbook: Workbook, sheet: Workbook["worksheets"][number], table: Table) {
  const rowAt = new Map(table.rows.map((row) => [row.line, row]));
  for (const placed of sheet.getImages()) {
    const row = rowAt.get(Math.floor(placed.range.tl.nativeRow) + 1);
    const column = Math.floor(placed.range.tl.nativeCol);
    const media = workbook.getImage(Number(placed.imageId));
    if (!row || !media?.buffer || column >= IMPORT_LIMITS.columns) continue;
    const current = row.cells[column] ?? "";
    if (current.startsWith("upload:")) {
      table.problems.push({
        line: row.line,
        message: message("import.twoPictures", { column: table.headers[column] || `${column + 1}` }),
      });
      continue;
    }
    if (current !== "") continue;
    table.images ??= new Map();
    const token = `upload:${table.images.size + 1}`;
    table.images.set(token, new Uint8Array(media.buffer as unknown as ArrayBuffer));
    while (row.cells.length < column) row.cells.push("");
    row.cells[column] = token;
  }
}

/** The problems of a file in row order: the cells too long, then each parser's own. */
export function mergeProblems(...lists: RowProblem[][]) {
  return lists.flat().sort((a, b) => a.line - b.line);
}

export type Column<K extends string> = { key: K; header: string; required?: boolean };

/** Maps a table's headers onto known columns; unknown or missing required headers are problems. */
export function mapColumns<K extends string>(table: Table, columns: Column<K>[]) {
  const index = new Map<K, number>();
  const problems: RowProblem[] = [];
  const known = new Map(columns.map((c) => [normaliseHeader(c.header), c]));
  table.headers.forEach((header, i) => {
    if (!header) return;
    const column = known.get(normaliseHeader(header));
    if (!column) problems.push({ line: 1, message: message("import.unknownColumn", { header }) });
    else index.set(column.key, i);
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key))
      problems.push({ line: 1, message: message("import.missingColumn", { header: c.header }) });
  }
  const get = (cells: string[], key: K) => {
    const i = index.get(key);
    return i === undefined ? "" : (cells[i] ?? "");
  };
  return { get, problems };
}

export type Cell = string | number | null;

/**
 * OWASP's rule against formula injection: a text cell starting with
 * = + - @ tab or CR gets a leading ', so a name like =HYPERLINK(…) stays text
 * in Excel and LibreOffice. Numbers we computed are left alone.
 */
export function neutralise(text: string) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** "05/04/2022 08:00": Hà Nội time, as Vietnamese Excel reads a date and time. */
export function exportDateTime(ms: number | null) {
  if (ms === null) return null;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} ${get("hour")}:${get("minute")}`;
}

/** "2022-04-05" (a day as SQL gives it) → "05/04/2022". */
export function exportDate(isoDay: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDay;
}

/** A picture shown in a data cell of an export: `row` counts data rows from 0, `column` columns from 0. */
export type PlacedPicture = { row: number; column: number; png: Uint8Array; width: number; height: number };

export async function writeXlsx(
  sheetName: string,
  headers: string[],
  rows: Cell[][],
  pictures: PlacedPicture[] = [],
) {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === "string" ? neutralise(v) : (v ?? ""))));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  for (const picture of pictures) {
    const id = workbook.addImage({ buffer: Buffer.from(picture.png) as never, extension: "png" });
    sheet.addImage(id, {
      tl: { col: picture.column, row: picture.row + 1 },
      ext: { width: picture.width, height: picture.height },
      editAs: "oneCell",
    });
    sheet.getRow(picture.row + 2).height = Math.max(
      sheet.getRow(picture.row + 2).height ?? 15,
      picture.height * 0.75 + 4,
    );
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

/**
 * CSV as Excel in Vietnamese opens it with a double click: ";" between cells,
 * a UTF-8 BOM (without it Excel reads the text as Windows-1258), numbers with
 * a decimal comma and no thousands separator ("7,5", "4000000"), text
 * neutralised against formulas.
 */
export function writeCsv(headers: string[], rows: Cell[][]) {
  const escape = (v: Cell) => {
    const s =
      v === null
        ? ""
        : typeof v === "number"
          ? v.toLocaleString("vi-VN", { maximumFractionDigits: 4, useGrouping: false })
          : neutralise(v);
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [headers, ...rows].map((r) => r.map(escape).join(";")).join("\r\n") + "\r\n";
}

/** "Xếp hạng cchc-2022.csv" → "xep-hang-cchc-2022.csv", for clients that cannot read filename*. */
export function asciiFilename(filename: string) {
  const dot = filename.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [filename.slice(0, dot), filename.slice(dot)] : [filename, ""];
  const ascii = stem
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (ascii || "tep") + ext.replace(/[^A-Za-z0-9.]/g, "");
}

/**
 * A download: `attachment` with the Vietnamese name as RFC 5987 filename*
 * (UTF-8, percent-encoded) and an ASCII fallback in filename.
 */
export function fileResponse(body: Uint8Array<ArrayBuffer> | string, filename: string) {
  const type = filename.endsWith(".csv")
    ? "text/csv; charset=utf-8"
    : filename.endsWith(".docx")
      ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  // eslint-disable-next-line no-control-regex -- control characters may not go into a header
  const name = filename.replace(/[\u0000-\u001f\u007f"\\/]/g, " ").trim();
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${asciiFilename(name)}"; filename*=UTF-8''${encoded}`,
      "Cache-Control": "no-store",
    },
  });
}
