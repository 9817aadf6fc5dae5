/**
 * Checks an XLSX (zip) file before ExcelJS inflates it whole into memory: a
 * 1 MB zip can hold gigabytes of zeros. The central directory states every
 * part's size, so an honest zip bomb is refused without inflating anything;
 * a zip whose sizes lie is caught while inflating, which stops at the budget.
 */
import { inflateRawSync } from "node:zlib";
import { DomainError } from "~/utils/errors";

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 2_000;

type Entry = { method: number; compressed: number; size: number; localOffset: number };

function notSpreadsheet(): never {
  throw new DomainError("import.notSpreadsheet", 422);
}

function tooLarge(): never {
  throw new DomainError("import.unzippedTooLarge", 422);
}

/** The central directory's entries (ZIP64 included), or "not a spreadsheet" when it is malformed. */
export function zipEntries(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : notSpreadsheet());
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : notSpreadsheet());
  const u64 = (at: number) => {
    const value = u32(at) + u32(at + 4) * 2 ** 32;
    return Number.isSafeInteger(value) ? value : tooLarge();
  };
  // The end record is the last 22 bytes, unless the zip has a comment (at most 65,535 bytes).
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) notSpreadsheet();
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === EOCD64_LOCATOR) {
    const end64 = u64(end - 20 + 8);
    if (u32(end64) !== EOCD64) notSpreadsheet();
    count = u64(end64 + 32);
    offset = u64(end64 + 48);
  }
  if (count > MAX_ENTRIES) notSpreadsheet();
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) notSpreadsheet();
    const entry = {
      method: u16(at + 10),
      compressed: u32(at + 20),
      size: u32(at + 24),
      localOffset: u32(at + 42),
    };
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    // ZIP64: the sizes and offset that do not fit in 32 bits are in extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(extra);
      const length = u16(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        for (const key of ["size", "compressed", "localOffset"] as const) {
          if (entry[key] === 0xffffffff) {
            entry[key] = u64(field);
            field += 8;
          }
        }
      }
      extra += 4 + length;
    }
    entries.push(entry);
    at = extraEnd + commentLength;
  }
  return entries;
}

/**
 * Refuses a zip that decompresses to more than `budget` bytes: first from
 * the sizes it declares, then by inflating each part with the rest of the
 * budget as a hard cap (so a zip that understates its sizes costs at most
 * the budget), and a part whose real size differs from its declared one.
 */
export function checkZipSize(bytes: Uint8Array, budget: number) {
  const entries = zipEntries(bytes);
  if (entries.reduce((sum, e) => sum + e.size, 0) > budget) tooLarge();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = budget;
  for (const e of entries) {
    const at = e.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) notSpreadsheet();
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + e.compressed > bytes.length) notSpreadsheet();
    const data = bytes.subarray(start, start + e.compressed);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") tooLarge();
        notSpreadsheet();
      }
    } else notSpreadsheet();
    if (size > left) tooLarge();
    if (size !== e.size) notSpreadsheet();
    left -= size;
  }
}
