/** Pictures of questions and options (issue 19, item 4): uploads, alternative text, imports. */
export const picturesVi = {
  "picture.empty": "Tệp hình trống.",
  "picture.tooLarge": "Hình quá lớn: tối đa 3 MB mỗi hình.",
  "picture.unreadable": "Không đọc được hình. Hãy chọn tệp JPEG, PNG hoặc WebP khác.",
  "picture.format": "Chỉ nhận hình JPEG, PNG hoặc WebP.",
  "picture.unknown": "Không tìm thấy hình “{value}” trong ngân hàng câu hỏi.",
  "picture.empty.inColumn": "Cột “{column}”: tệp hình trống.",
  "picture.tooLarge.inColumn": "Cột “{column}”: hình quá lớn, tối đa 3 MB mỗi hình.",
  "picture.unreadable.inColumn": "Cột “{column}”: không đọc được hình.",
  "picture.format.inColumn": "Cột “{column}”: chỉ nhận hình JPEG, PNG hoặc WebP.",
  "import.twoPictures": "Có hai hình trong ô “{column}”; mỗi ô chỉ đặt một hình.",
  "questionCheck.pictureAlt":
    "Hình nào cũng cần mô tả (văn bản thay thế) để người dùng trình đọc màn hình biết hình có gì.",
  "questionCheck.pictureAltLong": "Mô tả hình dài quá 250 ký tự.",
  "q.picture": "Hình câu hỏi",
  "q.optionPicture": "Hình phương án {l}",
  "q.pictureFile": "Chọn hình (JPEG, PNG, WebP; tối đa 3 MB)",
  "q.pictureAlt": "Mô tả hình cho người khiếm thị",
  "q.pictureRemove": "Bỏ hình này",
  "q.pictureNone": "Chưa có hình.",
  "q.pictureHint":
    "Hình được thu nhỏ (tối đa 800 điểm ảnh) và nén lại để điện thoại tải nhanh. Mô tả ngắn gọn điều hình cho thấy, ví dụ: “Màn hình đăng nhập ứng dụng VNeID”.",
};

export const picturesEn: Record<keyof typeof picturesVi, string> = {
  "picture.empty": "The picture file is empty.",
  "picture.tooLarge": "The picture is too large: at most 3 MB each.",
  "picture.unreadable": "The picture cannot be read. Choose another JPEG, PNG or WebP file.",
  "picture.format": "Only JPEG, PNG or WebP pictures are accepted.",
  "picture.unknown": "No picture “{value}” in the question bank.",
  "picture.empty.inColumn": "Column “{column}”: the picture file is empty.",
  "picture.tooLarge.inColumn": "Column “{column}”: the picture is too large, at most 3 MB each.",
  "picture.unreadable.inColumn": "Column “{column}”: the picture cannot be read.",
  "picture.format.inColumn": "Column “{column}”: only JPEG, PNG or WebP pictures are accepted.",
  "import.twoPictures": "Two pictures in the cell “{column}”; put one picture per cell.",
  "questionCheck.pictureAlt":
    "Every picture needs a description (alternative text) so that screen reader users know what it shows.",
  "questionCheck.pictureAltLong": "A picture's description is longer than 250 characters.",
  "q.picture": "Question picture",
  "q.optionPicture": "Picture of option {l}",
  "q.pictureFile": "Choose a picture (JPEG, PNG, WebP; at most 3 MB)",
  "q.pictureAlt": "Description for blind users",
  "q.pictureRemove": "Remove this picture",
  "q.pictureNone": "No picture yet.",
  "q.pictureHint":
    "Pictures are scaled down (at most 800 pixels) and compressed so phones load them quickly. Describe briefly what the picture shows, e.g. “The VNeID app's sign-in screen”.",
};
