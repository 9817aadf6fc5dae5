/**
 * Issue 19, item 4: pictures of questions and options. Uploads are checked
 * and re-encoded small; a picture travels with its question into an attempt's
 * snapshot, into the XLSX export and back, and into a new question from an
 * XLSX file that carries it.
 */
import ExcelJS from "exceljs";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createTestDb } from "../../tests/setup/test-db";
import { createContest, createUser } from "../../tests/factories";
import type { Actor } from "~/utils/permissions.server";
import { translate } from "~/utils/i18n";
import { startAttempt } from "./attempt.server";
import { getAttemptForTaker } from "./attempt-view.server";
import { preparePicture, readImage, storePictures } from "./images.server";
import {
  createQuestions,
  getQuestion,
  listQuestions,
  updateQuestion,
  validateQuestion,
  type QuestionInput,
} from "./question-bank.server";
import { parseQuestionImport, QUESTION_HEADERS, questionBankFile } from "./question-import.server";
import { planReimport } from "./question-reimport.server";
import { readTable } from "./spreadsheet.server";

let db: Db;
let organiser: Actor;

/** A photo-sized picture with some detail (noise compresses like a real photo, not like a flat colour). */
async function photo(width: number, height: number, format: "jpeg" | "png" | "webp" | "gif" = "jpeg") {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 5) * 104729) % 256;
  const image = sharp(noise, { raw: { width, height, channels: 3 } }).blur(3);
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

const question = (code: string, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  code,
  category: "CDS",
  kind: "single",
  prompt: `Màn hình trong hình là của ứng dụng nào (${code})?`,
  options: [
    { text: "VNeID", correct: true },
    { text: "Zalo", correct: false },
  ],
  explanation: null,
  legalSource: null,
  tags: [],
  difficulty: "medium",
  status: "active",
  ...extra,
});

async function stored(bytes: Uint8Array) {
  const [picture] = await storePictures(db, [await preparePicture(bytes)], organiser);
  return picture;
}

beforeEach(async () => {
  ({ db } = await createTestDb());
  organiser = { id: (await createUser(db, { role: "organiser" })).id, role: "organiser" };
});

describe("an uploaded picture", () => {
  it("is re-encoded as a WebP of at most 800 px, tens of KB, upright, without the phone's metadata", async () => {
    // A 3000×2000 phone photo taken sideways (EXIF orientation 6) with its GPS position.
    const upload = new Uint8Array(
      await sharp(await photo(3000, 2000))
        .withMetadata({
          orientation: 6,
          exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "16/1 3/1 0/1" } },
        })
        .jpeg({ quality: 92 })
        .toBuffer(),
    );
    expect(upload.length).toBeGreaterThan(300_000);
    const prepared = await preparePicture(upload);
    expect([prepared.width, prepared.height]).toEqual([533, 800]);
    expect(prepared.bytes.length).toBeLessThan(60_000);
    const meta = await sharp(prepared.bytes).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.exif).toBeUndefined();
    expect(prepared.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps a small picture's size, and is stored once however often it is uploaded", async () => {
    const small = await photo(320, 200, "png");
    const first = await stored(small);
    const again = await stored(small);
    expect(again).toEqual(first);
    expect([first.width, first.height]).toEqual([320, 200]);
    const image = await readImage(db, first.key);
    expect(image?.mime).toBe("image/webp");
    expect(await readImage(db, "0".repeat(64))).toBeNull();
    expect(await readImage(db, "../../etc/passwd")).toBeNull();
  });

  it("is refused with a Vietnamese reason: not a picture, another format, too large, empty", async () => {
    const reason = async (bytes: Uint8Array) =>
      preparePicture(bytes).then(
        () => "accepted",
        (error: { code: "picture.format" }) => translate("vi", error.code),
      );
    expect(await reason(new TextEncoder().encode("Câu 1: không phải hình"))).toBe(
      "Không đọc được hình. Hãy chọn tệp JPEG, PNG hoặc WebP khác.",
    );
    expect(await reason(await photo(40, 40, "gif"))).toBe("Chỉ nhận hình JPEG, PNG hoặc WebP.");
    expect(await reason(new Uint8Array(3 * 1024 * 1024 + 1))).toBe("Hình quá lớn: tối đa 3 MB mỗi hình.");
    expect(await reason(new Uint8Array())).toBe("Tệp hình trống.");
  });
});

describe("a question with pictures", () => {
  it("needs a description for every picture, the prompt's and each option's", async () => {
    const picture = { ...(await stored(await photo(200, 100))), alt: " " };
    expect(validateQuestion(question("P1", { image: picture }))).toEqual(["questionCheck.pictureAlt"]);
    const options = [
      { text: "Một", correct: true, image: { ...picture, alt: "x".repeat(251) } },
      { text: "Hai", correct: false },
    ];
    expect(validateQuestion(question("P2", { options }))).toEqual(["questionCheck.pictureAltLong"]);
    expect(validateQuestion(question("P3", { image: { ...picture, alt: "Biểu tượng VNeID" } }))).toEqual([]);
  });

  it("goes into an attempt's snapshot, which a later edit of the picture leaves alone", async () => {
    const screen = { ...(await stored(await photo(400, 300))), alt: "Màn hình đăng nhập ứng dụng VNeID" };
    const qr = { ...(await stored(await photo(120, 120, "png"))), alt: "Mã QR của Cổng Dịch vụ công" };
    const [id] = await createQuestions(
      db,
      [
        question("P1", {
          image: screen,
          options: [
            { text: "Mã thứ nhất", correct: true, image: qr },
            { text: "Mã thứ hai", correct: false },
          ],
        }),
      ],
      organiser,
    );
    const contest = await createContest(db, {
      state: "published",
      draw: { mode: "fixed", questionIds: [id] },
    });
    const resident = await createUser(db, { role: "resident" });
    const { id: attemptId } = await startAttempt(db, { contest, userId: resident.id, now: Date.now() });
    const other = { ...(await stored(await photo(300, 300))), alt: "Một hình khác" };
    await updateQuestion(db, id, question("P1", { image: other }), organiser);

    const view = await getAttemptForTaker(db, attemptId, resident.id, Date.now());
    if (view.status !== "open") throw new Error("the attempt should be open");
    const [shown] = view.questions;
    expect(shown.image).toEqual(screen);
    expect(shown.options.find((o) => o.text === "Mã thứ nhất")?.image).toEqual(qr);
    expect(shown.options.find((o) => o.text === "Mã thứ hai")).not.toHaveProperty("image");
    expect((await getQuestion(db, id))?.image).toEqual(other);
  });
});

describe("pictures in the XLSX export and import", () => {
  it("an export re-imported unchanged changes nothing: each picture is named by its key beside its thumbnail", async () => {
    const screen = { ...(await stored(await photo(400, 300))), alt: "Màn hình ứng dụng VNeID" };
    const qr = { ...(await stored(await photo(120, 120, "png"))), alt: "Mã QR" };
    await createQuestions(
      db,
      [
        question("P1", { image: screen }),
        question("P2", {
          options: [
            { text: "Một", correct: false },
            { text: "Hai", correct: true, image: qr },
          ],
        }),
        question("P3"),
      ],
      organiser,
    );
    const file = await questionBankFile(db, "xlsx", await listQuestions(db));
    if (typeof file === "string") throw new Error("an XLSX export is bytes");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file) as never);
    expect(workbook.worksheets[0].getImages()).toHaveLength(2);

    const table = await readTable(file);
    const { inputs, problems } = await parseQuestionImport(db, table, organiser);
    expect(problems).toEqual([]);
    expect(inputs.find((q) => q.code === "P1")?.image).toEqual(screen);
    expect(inputs.find((q) => q.code === "P2")?.options[1].image).toEqual(qr);
    const plan = await planReimport(db, inputs);
    expect(plan.rows.map((r) => r.kind)).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("a picture placed in a cell of a new row is stored with the description beside it; problems are by row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Câu hỏi");
    sheet.addRow(QUESTION_HEADERS);
    const row = (code: string, alt: string) => {
      const cells = Object.fromEntries(QUESTION_HEADERS.map((h) => [h, ""]));
      Object.assign(cells, {
        Mã: code,
        "Lĩnh vực": "CĐS",
        Loại: "Một đáp án",
        "Câu hỏi": "Hình dưới đây là biểu tượng của ứng dụng nào?",
        "Phương án A": "VNeID",
        "Phương án B": "VssID",
        "Đáp án đúng": "A",
        "Mô tả hình ảnh": alt,
      });
      sheet.addRow(QUESTION_HEADERS.map((h) => cells[h]));
    };
    row("N1", "Biểu tượng ứng dụng VNeID");
    row("N2", "");
    row("N3", "Một hình GIF");
    const column = QUESTION_HEADERS.indexOf("Hình ảnh");
    const place = async (bytes: Uint8Array, extension: "png" | "jpeg" | "gif", line: number) =>
      sheet.addImage(workbook.addImage({ buffer: Buffer.from(bytes) as never, extension }), {
        tl: { col: column, row: line - 1 },
        ext: { width: 60, height: 60 },
      });
    await place(await photo(500, 500, "png"), "png", 2);
    await place(await photo(100, 100, "jpeg"), "jpeg", 3);
    await place(await photo(64, 64, "gif"), "gif", 4);
    const table = await readTable(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const { inputs, problems } = await parseQuestionImport(db, table, organiser);
    expect(problems.map((p) => [p.line, translate("vi", p.message)])).toEqual([
      [3, "Hình nào cũng cần mô tả (văn bản thay thế) để người dùng trình đọc màn hình biết hình có gì."],
      [4, "Cột “Hình ảnh”: chỉ nhận hình JPEG, PNG hoặc WebP."],
    ]);
    const n1 = inputs.find((q) => q.code === "N1")!;
    expect(n1.image).toMatchObject({ alt: "Biểu tượng ứng dụng VNeID", width: 500, height: 500 });
    expect(await readImage(db, n1.image!.key)).not.toBeNull();
  });
});
