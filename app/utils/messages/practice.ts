/** Interface text of practice mode (thi thử): the button, the banners, the result, the setting. */
export const practiceVi = {
  "practice.off": "Cuộc thi này không có thi thử.",
  "practice.start": "Thi thử",
  "practice.resume": "Tiếp tục thi thử",
  "practice.hint":
    "Thi thử: đề mới theo cách ra đề của cuộc thi, làm bao nhiêu lần cũng được. Bài thi thử không dùng lượt dự thi, không có mã xác nhận và không được tính điểm xếp giải.",
  "practice.banner":
    "Đây là bài THI THỬ: không được ghi nhận, không xếp hạng, không có mã xác nhận. Để dự thi chính thức, về trang cuộc thi và bấm “Bắt đầu làm bài”.",
  "practice.quizTitle": "Thi thử",
  "practice.resultTitle": "Kết quả thi thử",
  "practice.noReceipt":
    "Bài thi thử không có mã xác nhận và không được tính vào kết quả, xếp giải hay thống kê của cuộc thi.",
  "practice.again": "Thi thử lần nữa",
  "practice.reviewHeld":
    "Đáp án và giải thích của bài thi thử được hiển thị theo cùng quy định như bài chính thức, để đáp án không lộ ra trước khi mọi người dự thi xong.",
  "practice.tag": "Thi thử (không tính)",
  "practice.setting": "Cho phép thi thử",
  "practice.settingHint":
    "Khi bật, trang cuộc thi có nút “Thi thử” trong thời gian thi: đề mới theo cách ra đề của cuộc thi, không giới hạn số lần, không dùng lượt dự thi; bài thi thử không xếp hạng, không thống kê, không có mã xác nhận.",
};

export const practiceEn: Record<keyof typeof practiceVi, string> = {
  "practice.off": "This contest has no practice mode.",
  "practice.start": "Practice (Thi thử)",
  "practice.resume": "Continue practising (Thi thử)",
  "practice.hint":
    "Practice: a fresh paper drawn by the contest's rules, as often as you like. A practice attempt uses none of your attempts, has no receipt code and never counts for prizes.",
  "practice.banner":
    "This is a PRACTICE attempt (Thi thử): not recorded, not ranked, no receipt code. To enter for real, go back to the contest page and press “Start”.",
  "practice.quizTitle": "Practice (Thi thử)",
  "practice.resultTitle": "Practice result (Thi thử)",
  "practice.noReceipt":
    "A practice attempt has no receipt code and is never counted in the contest's results, prizes or statistics.",
  "practice.again": "Practise again",
  "practice.reviewHeld":
    "Answers and explanations of a practice attempt follow the same rule as real entries, so the key is not out before everyone has entered.",
  "practice.tag": "Practice (not counted)",
  "practice.setting": "Allow practice (thi thử)",
  "practice.settingHint":
    "When on, the contest page offers “Thi thử” while the contest is open: a fresh paper by the contest's draw, unlimited, using no attempts; practice attempts are never ranked, counted in statistics or given a receipt code.",
};
