/** What the quiz page says about a save the server did not take (decision 006). */
export const answerSaveVi = {
  "quiz.conflict": "Câu trả lời đã được thay đổi trên thiết bị khác — đây là câu trả lời đang được ghi nhận.",
  "quiz.signedOut":
    "Bạn đã đăng xuất nên câu trả lời chưa được gửi. Các câu chưa gửi vẫn được giữ trên máy này.",
  "quiz.signInAgain": "Đăng nhập lại để tiếp tục bài thi",
  "quiz.busy": "Máy chủ đang bận. Câu trả lời được giữ trên máy và sẽ tự gửi lại sau vài giây.",
  "judge.scoreConflict": "Điểm này đã được sửa trên thiết bị khác — đây là điểm đang được ghi nhận.",
  "judge.signedOut":
    "Bạn đã đăng xuất nên điểm chưa được gửi. Điểm vẫn được giữ trên máy này và sẽ gửi sau khi đăng nhập lại.",
  "judge.signInAgain": "Đăng nhập lại để gửi điểm",
  "result.closed":
    "Bài thi này đã đóng (đã nộp hoặc đã hết giờ) nên không lưu thêm được câu trả lời. Dưới đây là kết quả đã ghi nhận.",
};

export const answerSaveEn: Record<keyof typeof answerSaveVi, string> = {
  "quiz.conflict": "This answer was changed on another device — this is the answer on record.",
  "quiz.signedOut":
    "You are signed out, so answers are not being sent. Unsent answers are kept on this device.",
  "quiz.signInAgain": "Sign in again to continue the quiz",
  "quiz.busy": "The server is busy. Your answers are kept on this device and sent again in a few seconds.",
  "judge.scoreConflict": "This score was changed on another device — this is the score on record.",
  "judge.signedOut":
    "You are signed out, so this score was not sent. It is kept on this device and sent after you sign in again.",
  "judge.signInAgain": "Sign in again to send scores",
  "result.closed":
    "This entry is closed (submitted or out of time), so no more answers can be saved. Below is the result on record.",
};
