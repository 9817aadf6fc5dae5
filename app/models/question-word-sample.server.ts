/**
 * The Word template of the question import (/organiser/templates/questions.docx):
 * one question in each layout the reader understands (see question-word.server.ts),
 * with real facts, after a short instruction that the reader ignores.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from "docx";
import sharp from "sharp";

const text = (value: string, style: { bold?: boolean; underline?: boolean } = {}) =>
  new TextRun({ text: value, bold: style.bold, underline: style.underline ? {} : undefined });
const line = (...runs: TextRun[]) => new Paragraph({ children: runs });
const head = (n: number, prompt: string) => line(text(`Câu ${n}: `, { bold: true }), text(prompt));

/** A 200×120 picture of a calendar page "10/10", the date the picture question asks about. */
async function calendarPicture() {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120">
    <rect width="200" height="120" fill="#ffffff"/>
    <rect x="40" y="8" width="120" height="104" rx="8" fill="#ffffff" stroke="#1d4ed8" stroke-width="4"/>
    <rect x="40" y="8" width="120" height="28" rx="8" fill="#1d4ed8"/>
    <text x="100" y="29" font-family="sans-serif" font-size="16" fill="#ffffff" text-anchor="middle">THÁNG 10</text>
    <text x="100" y="92" font-family="sans-serif" font-size="48" font-weight="bold" fill="#1d4ed8" text-anchor="middle">10</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function questionWordSample(): Promise<Uint8Array<ArrayBuffer>> {
  const picture = new ImageRun({
    type: "png",
    data: await calendarPicture(),
    transformation: { width: 200, height: 120 },
    altText: {
      name: "Tờ lịch ngày 10 tháng 10",
      title: "Tờ lịch ngày 10 tháng 10",
      description: "Tờ lịch ghi ngày 10 tháng 10",
    },
  });
  const doc = new Document({
    creator: "Hội Thi",
    title: "Mẫu nhập câu hỏi",
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [text("MẪU NHẬP CÂU HỎI TỪ TỆP WORD")],
          }),
          line(
            text(
              "Hướng dẫn: mỗi câu bắt đầu bằng “Câu 1:”, “Câu 2:” …; mỗi phương án bắt đầu bằng “A.”, “B.” … (tối đa F), " +
                "mỗi phương án một dòng hoặc nhiều phương án trên một dòng cách nhau bằng phím Tab. " +
                "Đánh dấu đáp án đúng bằng MỘT cách: in đậm, gạch chân, dấu * trước phương án, hoặc dòng “Đáp án: B” " +
                "(nhiều đáp án: “Đáp án: A, C”). Có thể thêm các dòng Giải thích:, Căn cứ:, Lĩnh vực:, Mã:, Độ khó: " +
                "(Dễ, Trung bình, Khó). Câu không ghi Mã sẽ được đặt mã tự động. Hình chèn dưới câu hỏi hoặc trong dòng " +
                "phương án; bấm chuột phải vào hình, chọn “Xem/Sửa văn bản thay thế” để ghi mô tả cho người khiếm thị. " +
                "Phần chữ trước câu đầu tiên (như đoạn này) không được nhập.",
            ),
          ),

          head(
            1,
            "Nghị quyết 76/NQ-CP ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021–2030 ngày nào?",
          ),
          line(text("A. 06/01/2022")),
          line(text("B. 15/7/2021", { bold: true })),
          line(text("C. 23/4/2018")),
          line(text("D. 22/4/2022")),
          line(text("Giải thích: Chính phủ ban hành Nghị quyết 76/NQ-CP ngày 15/7/2021.")),
          line(text("Căn cứ: Nghị quyết 76/NQ-CP ngày 15/7/2021 của Chính phủ")),
          line(text("Lĩnh vực: CCHC")),
          line(text("Mã: CCHC-W01")),
          line(text("Độ khó: Dễ")),

          head(2, "Ngày Chuyển đổi số quốc gia là ngày nào hằng năm?"),
          line(text("A. 01/10")),
          line(text("B. 10/10", { underline: true })),
          line(text("C. 10/11")),
          line(text("D. 11/11")),
          line(
            text(
              "Giải thích: Quyết định 505/QĐ-TTg lấy ngày 10/10 hằng năm làm Ngày Chuyển đổi số quốc gia.",
            ),
          ),
          line(text("Căn cứ: Quyết định 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ")),
          line(text("Lĩnh vực: Chuyển đổi số")),

          head(3, "Cổng Dịch vụ công quốc gia có địa chỉ nào?"),
          line(text("A. dichvucongquocgia.gov.vn")),
          line(text("*B. dichvucong.gov.vn")),
          line(text("C. dichvucong.vn")),
          line(text("D. congdichvu.gov.vn")),
          line(
            text(
              "Giải thích: Cổng Dịch vụ công quốc gia khai trương ngày 09/12/2019 tại địa chỉ dichvucong.gov.vn.",
            ),
          ),

          head(4, "Ba trụ cột của chuyển đổi số là gì? (chọn tất cả đáp án đúng)"),
          line(text("A. Chính quyền số")),
          line(text("B. Kinh tế số")),
          line(text("C. Xã hội số")),
          line(text("D. Thương mại điện tử")),
          line(text("Đáp án: A, B, C")),
          line(text("Giải thích: Chuyển đổi số có ba trụ cột: chính quyền số, kinh tế số và xã hội số.")),
          line(text("Lĩnh vực: CĐS")),

          head(5, "Tài khoản định danh điện tử mức độ 2 có thêm thông tin nào so với mức độ 1?"),
          line(
            text("A. Thư điện tử\tB. Địa chỉ\t"),
            text("C. Vân tay", { bold: true }),
            text("\tD. Mã số thuế"),
          ),
          line(
            text(
              "Giải thích: Tài khoản mức độ 1 gồm số định danh, họ tên, ngày sinh, giới tính và ảnh chân dung; mức độ 2 có thêm vân tay.",
            ),
          ),
          line(text("Căn cứ: Nghị định 59/2022/NĐ-CP")),
          line(text("Lĩnh vực: CĐS")),

          head(6, "Thôn, tổ dân phố không phải là một cấp hành chính."),
          line(text("A. Đúng *\tB. Sai")),
          line(
            text(
              "Giải thích: Thôn, tổ dân phố là tổ chức tự quản của cộng đồng dân cư, không phải một cấp hành chính.",
            ),
          ),
          line(text("Căn cứ: Thông tư 04/2012/TT-BNV")),

          head(7, "Vì sao ngày trong hình được chọn làm Ngày Chuyển đổi số quốc gia?"),
          new Paragraph({ children: [picture] }),
          line(text("A. Là ngày thành lập Bộ Thông tin và Truyền thông")),
          line(text("B. Số 1 và số 0 là hai chữ số của hệ nhị phân", { bold: true })),
          line(text("C. Được chọn ngẫu nhiên")),
          line(text("Giải thích: Số 1 và số 0 là hai chữ số của hệ nhị phân mà máy tính dùng.")),
          line(text("Lĩnh vực: CĐS")),
          line(text("Độ khó: Trung bình")),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
