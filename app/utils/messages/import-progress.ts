/** A long import's progress on the page (issue 19, item 5). */
export const importProgressVi = {
  "import.progress.title": "Tiến độ nhập tệp",
  "import.progress.upload": "Đang gửi tệp: {percent}% ({sent}/{size} MB)",
  "import.progress.read": "Đang đọc tệp…",
  "import.progress.checkRows": "Đã đọc {rows} dòng · {problems} lỗi",
  "import.progress.checkQuestions": "Đã đọc {rows} câu hỏi · {problems} lỗi",
  "import.progress.pictures": "Đang xử lý hình {done}/{total}",
  "import.progress.save": "Đang lưu {rows} câu hỏi…",
  "import.progress.left": "còn khoảng {s} giây",
  "import.progress.elapsed": "đã {s} giây",
  "download.preparing": "Đang tạo tệp ({file}), tệp sẽ tự tải về khi xong… đã {s} giây",
  "import.interrupted":
    "Việc nhập bị gián đoạn (mất kết nối hoặc hết phiên đăng nhập). Hãy tải lại trang để xem ngân hàng câu hỏi hiện có, rồi nhập lại nếu cần.",
};

export const importProgressEn: Record<keyof typeof importProgressVi, string> = {
  "import.progress.title": "Import progress",
  "import.progress.upload": "Sending the file: {percent}% ({sent}/{size} MB)",
  "import.progress.read": "Reading the file…",
  "import.progress.checkRows": "{rows} rows read · {problems} problems",
  "import.progress.checkQuestions": "{rows} questions read · {problems} problems",
  "import.progress.pictures": "Processing pictures {done}/{total}",
  "import.progress.save": "Saving {rows} questions…",
  "import.progress.left": "about {s} seconds left",
  "import.progress.elapsed": "{s} seconds so far",
  "download.preparing": "Making the file ({file}); it downloads by itself when ready… {s} seconds so far",
  "import.interrupted":
    "The import was interrupted (connection lost or signed out). Reload the page to see the bank as it is, then import again if needed.",
};
