/**
 * A Word (.docx) document as lines of text, for the question reader
 * (question-word.server.ts): mammoth turns the document into simple HTML
 * (escaped text and a few tags, never malformed) and we walk its blocks,
 * keeping each character's bold and underline, where pictures stand and
 * which list a line belongs to. Headings are flagged; footnotes and
 * endnotes (which mammoth lists after the text) are dropped.
 */
import mammoth from "mammoth";
import { DomainError } from "~/utils/errors";
import { IMPORT_LIMITS, importLimitVars } from "~/utils/import-limits";
import { checkZipSize } from "./zip-guard.server";

export type Picture = { bytes: Uint8Array; alt: string; type: string };
/** A paragraph (or a line of one, after a Shift+Enter break) with the bold and underline of each character. */
export type Line = {
  text: string;
  bold: boolean[];
  underline: boolean[];
  pictures: { at: number; id: number }[];
  /** Came after a line break inside the same paragraph. */
  soft: boolean;
  /** A Word heading ("PHẦN II …"): it belongs to no question. */
  heading?: boolean;
  list?: { depth: number; ordered: boolean };
};

const BLOCK = /^(p|h[1-6]|li|td|th|tr|table|blockquote|div|pre|dl|dt|dd)$/;

function decode(text: string) {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** mammoth's HTML (escaped text and a few tags, never malformed) as lines. */
export function htmlLines(html: string): Line[] {
  const lines: Line[] = [];
  const lists: boolean[] = [];
  let listItem: Line["list"];
  let line: Line = blank(false);
  let bold = 0;
  let underline = 0;
  let heading = false;
  /** Inside a footnote or endnote, which mammoth lists after the text. */
  let note = false;
  function blank(soft: boolean): Line {
    return { text: "", bold: [], underline: [], pictures: [], soft, list: listItem };
  }
  const flush = (soft = false) => {
    if ((line.text.trim() || line.pictures.length) && !note) lines.push({ ...line, heading });
    line = blank(soft);
  };
  for (const [, close, tag, attributes, text] of html.matchAll(/<(\/?)(\w+)([^>]*)>|([^<]+)/g)) {
    if (text !== undefined) {
      // NFC: Unikey's "Unicode tổ hợp" types “â” as “a” and a combining mark.
      const value = decode(text)
        .normalize("NFC")
        .replace(/\u00a0/g, " ");
      line.text += value;
      for (let i = 0; i < value.length; i++) {
        line.bold.push(bold > 0);
        line.underline.push(underline > 0);
      }
      continue;
    }
    const name = tag.toLowerCase();
    const delta = close ? -1 : attributes.trim().endsWith("/") ? 0 : 1;
    if (name === "strong" || name === "b") bold += delta;
    else if (name === "u") underline += delta;
    else if (name === "br") flush(true);
    else if (name === "img") {
      const id = /src="img:(\d+)"/.exec(attributes)?.[1];
      if (id) line.pictures.push({ at: line.text.length, id: Number(id) });
    } else if (name === "ol" || name === "ul") {
      flush();
      if (close) lists.pop();
      else lists.push(name === "ol");
      listItem = undefined;
      line.list = undefined;
    } else if (BLOCK.test(name)) {
      flush();
      if (name === "li") {
        listItem = close ? undefined : { depth: lists.length - 1, ordered: lists.at(-1) ?? false };
        line.list = listItem;
        note = !close && /id="(footnote|endnote)-/.test(attributes);
      }
      if (/^h\d$/.test(name)) heading = !close;
    }
  }
  flush();
  return lines;
}

/** Whether `bytes` is a zip holding word/document.xml (a .docx, .docm or .dotx). */
export function isWordDocument(bytes: Uint8Array) {
  if (bytes.length < 30 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("word/document.xml");
}

/** The document's lines and pictures (by the id its lines name), or the reason it cannot be read. */
export async function wordDocumentLines(bytes: Uint8Array) {
  if (bytes.length === 0) throw new DomainError("import.empty", 422);
  if (bytes.length > IMPORT_LIMITS.fileBytes) throw new DomainError("import.tooLarge", 422);
  if (!isWordDocument(bytes)) throw new DomainError("import.notWord", 422);
  try {
    checkZipSize(bytes, IMPORT_LIMITS.unzippedBytes);
  } catch (error) {
    if (error instanceof DomainError && error.code === "import.unzippedTooLarge")
      throw new DomainError("wordImport.unzippedTooLarge", 422, { unzippedMb: importLimitVars().unzippedMb });
    throw new DomainError("import.notWord", 422);
  }
  const pictures: Picture[] = [];
  try {
    const { value } = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: ["u => u"],
        convertImage: mammoth.images.imgElement(async (image) => {
          const bytes = new Uint8Array(await image.read());
          const alt = (image as { altText?: string }).altText ?? "";
          pictures.push({ bytes, alt: alt.trim(), type: image.contentType });
          return { src: `img:${pictures.length - 1}` };
        }),
      },
    );
    return { lines: htmlLines(value), pictures };
  } catch {
    throw new DomainError("import.notWord", 422);
  }
}
