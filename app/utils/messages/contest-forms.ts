/** Interface text of the contest settings forms (quiz and stage) and the question form. */
export const contestFormsVi = {
  "contestForm.slugTaken": "Đường dẫn này đã được dùng cho cuộc thi khác.",
  "contestForm.codesNotFound": "Không tìm thấy câu hỏi có mã: {codes}.",
  "contestForm.phonesInvalid": "Số điện thoại không hợp lệ: {phones}.",
};

export const contestFormsEn: Record<keyof typeof contestFormsVi, string> = {
  "contestForm.slugTaken": "This address is already used by another contest.",
  "contestForm.codesNotFound": "No question has the code: {codes}.",
  "contestForm.phonesInvalid": "Invalid phone numbers: {phones}.",
};
