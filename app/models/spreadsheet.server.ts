/** Reading and writing the CSV and XLSX files organisers import and export. */
import { DomainError } from "~/utils/errors";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type Table = { headers: string[]; rows: { line: number; cells: string[] }[] };

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

/** RFC 4180 CSV with "," or ";" (Excel in Vietnamese uses ";"), quotes and a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** ExcelJS, loaded on first use: ~28 MB that a server which never reads or writes a spreadsheet need not hold. */
async function excel() {
  return (await import("exceljs")).default;
}

function isZip(bytes: Uint8Array) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads the first sheet of an XLSX file or a CSV file into header + rows
 * (with their line numbers as the organiser sees them), dropping empty rows.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw new DomainError("import.empty", 422);
  if (bytes.length > MAX_IMPORT_BYTES) throw new DomainError("import.tooLarge", 422);
  let matrix: string[][];
  if (isZip(bytes)) {
    const workbook = new (await excel()).Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new DomainError("import.notSpreadsheet", 422);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new DomainError("import.empty", 422);
    matrix = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? "");
      matrix[rowNumber - 1] = cells;
    });
    matrix = Array.from(matrix, (r) => r ?? []);
  } else {
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    // Binary files (a PDF, an image, an old .xls) are full of control characters.
    const control = text.slice(0, 4000).match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
    if (control > 5) throw new DomainError("import.notSpreadsheet", 422);
    matrix = parseCsv(text);
  }
  const headerIndex = matrix.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (headerIndex < 0) throw new DomainError("import.empty", 422);
  const headers = matrix[headerIndex].map((h) => h.trim());
  const rows = matrix
    .map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim()) }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length === 0) throw new DomainError("import.empty", 422);
  return { headers, rows };
}

export type Column<K extends string> = { key: K; header: string; required?: boolean };

/** Maps a table's headers onto known columns; unknown or missing required headers are problems. */
export function mapColumns<K extends string>(table: Table, columns: Column<K>[]) {
  const index = new Map<K, number>();
  const problems: { line: number; message: string }[] = [];
  const known = new Map(columns.map((c) => [normaliseHeader(c.header), c]));
  table.headers.forEach((header, i) => {
    if (!header) return;
    const column = known.get(normaliseHeader(header));
    if (!column) problems.push({ line: 1, message: `Cột “${header}” không có trong mẫu.` });
    else index.set(column.key, i);
  });
  for (const c of columns) {
    if (c.required && !index.has(c.key)) problems.push({ line: 1, message: `Thiếu cột “${c.header}”.` });
  }
  const get = (cells: string[], key: K) => {
    const i = index.get(key);
    return i === undefined ? "" : (cells[i] ?? "");
  };
  return { get, problems };
}

export async function writeXlsx(sheetName: string, headers: string[], rows: (string | number | null)[][]) {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => v ?? ""));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>;
}

export function writeCsv(headers: string[], rows: (string | number | null)[][]) {
  const escape = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // The BOM makes Excel read the Vietnamese text as UTF-8.
  return "\uFEFF" + [headers, ...rows].map((r) => r.map(escape).join(",")).join("\r\n") + "\r\n";
}

export function fileResponse(body: Uint8Array<ArrayBuffer> | string, filename: string) {
  const type = filename.endsWith(".csv")
    ? "text/csv; charset=utf-8"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
