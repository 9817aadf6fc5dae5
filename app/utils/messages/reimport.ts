/** Interface text of updating the question bank by importing an edited export. */
export const reimportVi = {
  "reimport.title": "Xem trước thay đổi",
  "reimport.intro":
    "Tệp có câu hỏi trùng mã với câu hỏi đã có: các câu này sẽ được cập nhật theo tệp. Kiểm tra rồi bấm “Áp dụng thay đổi”; chưa có gì được lưu. Bài đã nộp giữ nguyên câu hỏi và điểm như lúc làm bài.",
  "reimport.counts": "{new} câu mới · {changed} câu sửa · {retired} câu ngừng dùng · {unchanged} câu không đổi",
  "reimport.kind.new": "Mới",
  "reimport.kind.changed": "Sửa",
  "reimport.kind.retired": "Ngừng dùng",
  "reimport.kind.unchanged": "Không đổi",
  "reimport.code": "Mã",
  "reimport.what": "Thay đổi",
  "reimport.change": "{field}: “{before}” → “{after}”",
  "reimport.more": "… và {n} câu nữa (được áp dụng cùng lúc).",
  "reimport.apply": "Áp dụng thay đổi",
  "reimport.cancel": "Hủy, không cập nhật",
  "reimport.applied": "Đã cập nhật ngân hàng câu hỏi: {new} câu mới, {changed} câu sửa, {retired} câu ngừng dùng.",
  "reimport.cancelled": "Đã hủy: ngân hàng câu hỏi không thay đổi.",
  "reimport.expired": "Bản xem trước đã hết hạn hoặc đã được áp dụng. Hãy nhập lại tệp.",
};

export const reimportEn: Record<keyof typeof reimportVi, string> = {
  "reimport.title": "Preview of the changes",
  "reimport.intro":
    "The file has questions with the codes of questions in the bank: those will be updated from the file. Check, then press “Apply the changes”; nothing is saved yet. Submitted entries keep their questions and scores as they were.",
  "reimport.counts": "{new} new · {changed} changed · {retired} retired · {unchanged} unchanged",
  "reimport.kind.new": "New",
  "reimport.kind.changed": "Changed",
  "reimport.kind.retired": "Retired",
  "reimport.kind.unchanged": "Unchanged",
  "reimport.code": "Code",
  "reimport.what": "Changes",
  "reimport.change": "{field}: “{before}” → “{after}”",
  "reimport.more": "… and {n} more questions (applied together).",
  "reimport.apply": "Apply the changes",
  "reimport.cancel": "Cancel, change nothing",
  "reimport.applied": "Question bank updated: {new} new, {changed} changed, {retired} retired.",
  "reimport.cancelled": "Cancelled: the question bank is unchanged.",
  "reimport.expired": "This preview has expired or was applied already. Import the file again.",
};
