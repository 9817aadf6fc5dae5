/** Interface text for residents before and during an attempt, and the text-size control (issue 15). */
export const residentVi = {
  "resident.confirmTitle": "Xác nhận bắt đầu",
  "resident.confirmSummary": "{minutes} phút, còn {n} lượt",
  "resident.confirmSummaryDay": "{minutes} phút, còn {n} lượt hôm nay",
  "resident.confirmSummaryWeek": "{minutes} phút, còn {n} lượt tuần này",
  "resident.confirmQuestions": "{n} câu hỏi.",
  "resident.confirmClock":
    "Đồng hồ chạy ngay khi bấm «Bắt đầu làm bài» và không dừng lại, kể cả khi bạn đóng trang. Bài làm được nộp tự động khi hết giờ.",
  "resident.confirmUses": "Bắt đầu sẽ dùng 1 lượt dự thi.",
  "resident.confirmBack": "Để sau",
  "resident.navTitle": "Danh sách câu hỏi",
  "resident.navHint": "Bấm số câu để chuyển đến câu đó.",
  "resident.answered": "đã trả lời",
  "resident.unanswered": "chưa trả lời",
  "resident.unansweredIntro": "Bạn chưa trả lời:",
  "resident.textSize": "Cỡ chữ",
  "resident.textSmaller": "chữ nhỏ hơn",
  "resident.textLarger": "chữ to hơn",
};

export const residentEn: Record<keyof typeof residentVi, string> = {
  "resident.confirmTitle": "Confirm the start",
  "resident.confirmSummary":
    "{minutes, plural, one {# minute} other {# minutes}}, {n, plural, one {# attempt} other {# attempts}} left",
  "resident.confirmSummaryDay":
    "{minutes, plural, one {# minute} other {# minutes}}, {n, plural, one {# attempt} other {# attempts}} left today",
  "resident.confirmSummaryWeek":
    "{minutes, plural, one {# minute} other {# minutes}}, {n, plural, one {# attempt} other {# attempts}} left this week",
  "resident.confirmQuestions": "{n, plural, one {# question} other {# questions}}.",
  "resident.confirmClock":
    "The clock starts when you press “Start the quiz” and does not stop, even if you close the page. Your answers are submitted automatically when time is up.",
  "resident.confirmUses": "Starting uses one attempt.",
  "resident.confirmBack": "Not now",
  "resident.navTitle": "Questions",
  "resident.navHint": "Tap a number to go to that question.",
  "resident.answered": "answered",
  "resident.unanswered": "not answered",
  "resident.unansweredIntro": "Not answered yet:",
  "resident.textSize": "Text size",
  "resident.textSmaller": "smaller text",
  "resident.textLarger": "larger text",
};
