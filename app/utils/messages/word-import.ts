/** Problems of importing questions from a Word (.docx) file, reported by question ("Câu 3"). */
export const wordImportVi = {
  "import.question": "Câu {line}",
  "import.doneQuestions": "Đã nhập {n} câu hỏi.",
  "import.fileWithWord": "Tệp CSV hoặc XLSX, hoặc tệp Word (.docx)",
  "import.wordCategory": "Lĩnh vực của câu hỏi trong tệp Word (khi câu không ghi “Lĩnh vực:”)",
  "import.wordSample": "Tải tệp Word mẫu",
  "import.wordLayouts":
    "Tệp Word: mỗi câu bắt đầu bằng “Câu 1:”, phương án “A.”, “B.” … (mỗi phương án một dòng hoặc cùng dòng cách nhau bằng Tab); đáp án đúng in đậm, gạch chân, đánh dấu “*” hoặc ghi dòng “Đáp án: B”. Có thể thêm dòng “Giải thích:”, “Căn cứ:”, “Lĩnh vực:”, “Mã:”. Hình trong câu hỏi hoặc phương án được nhập kèm, cần có mô tả (Alt Text).",
  "import.notWord":
    "Tệp không phải tài liệu Word (.docx) đọc được. Nếu là tệp .doc cũ, hãy mở bằng Word, chọn “Lưu thành” kiểu .docx rồi nhập lại.",
  "wordImport.unzippedTooLarge":
    "Tệp Word khi giải nén lớn hơn {unzippedMb} MB nên không được đọc, chưa nhập câu nào. Hãy thu nhỏ hoặc bớt hình, hoặc chia thành nhiều tệp.",
  "wordImport.tooManyQuestions":
    "Tệp có hơn {max, number} câu hỏi nên chưa nhập câu nào. Hãy chia thành nhiều tệp, mỗi tệp tối đa {max, number} câu, rồi nhập lần lượt.",
  "wordImport.noQuestions":
    "Không tìm thấy câu hỏi nào. Mỗi câu cần bắt đầu bằng “Câu 1:”, “Câu 2:” …, mỗi phương án bằng “A.”, “B.” … (xem tệp mẫu Word).",
  "wordImport.oldFont":
    "Tệp dùng phông chữ cũ (TCVN3 như .VnTime, hoặc VNI) nên không đọc được chữ tiếng Việt. Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), lưu lại rồi nhập lại.",
  "wordImport.noOptions":
    "Câu này chưa có phương án nào. Mỗi phương án viết trên một dòng bắt đầu bằng “A.”, “B.” … (hoặc nhiều phương án trên một dòng, cách nhau bằng phím Tab).",
  "wordImport.optionsWithoutQuestion":
    "Sau câu này có phương án “{letter}.” không thuộc câu hỏi nào: có thể thiếu dòng “Câu …:” của câu tiếp theo.",
  "wordImport.optionOrder":
    "Phương án “{letter}.” đứng sai thứ tự: phương án tiếp theo phải là “{expected}.”.",
  "wordImport.strayLine":
    "Không hiểu dòng “{text}”. Sau các phương án chỉ có các dòng Đáp án:, Giải thích:, Căn cứ:, Lĩnh vực:, Mã:, Độ khó:, Thẻ:.",
  "wordImport.fieldRepeated": "Dòng “{label}:” có hai lần trong câu này.",
  "wordImport.noMark":
    "Câu này chưa đánh dấu đáp án đúng. Hãy in đậm hoặc gạch chân phương án đúng, đặt dấu * trước phương án đúng, hoặc thêm dòng “Đáp án: B”.",
  "wordImport.marksDisagree":
    "Các cách đánh dấu đáp án đúng không khớp nhau (in đậm: {bold}; gạch chân: {underline}; dấu *: {star}; dòng “Đáp án”: {line}). Hãy chỉ dùng một cách.",
  "wordImport.answerLine":
    "Dòng “Đáp án: {value}” không đọc được: hãy ghi chữ cái của phương án đúng, ví dụ “Đáp án: B” hoặc “Đáp án: A, C”.",
  "wordImport.pictureNoAlt":
    "Hình trong câu này chưa có mô tả (Alt Text) cho người dùng trình đọc màn hình. Trong Word, bấm chuột phải vào hình, chọn “Xem/Sửa văn bản thay thế” và ghi mô tả.",
  "wordImport.optionPictureNoAlt":
    "Hình ở phương án {letter} chưa có mô tả (Alt Text) cho người dùng trình đọc màn hình. Trong Word, bấm chuột phải vào hình, chọn “Xem/Sửa văn bản thay thế” và ghi mô tả.",
  "wordImport.pictureMany": "Câu hỏi có {n} hình; mỗi câu hỏi chỉ được một hình.",
  "wordImport.optionPictureMany": "Phương án {letter} có {n} hình; mỗi phương án chỉ được một hình.",
  "wordImport.pictureFormat":
    "Hình trong câu này có dạng {type}, không hiển thị được trên web. Hãy chèn lại hình dạng PNG hoặc JPG.",
  "wordImport.pictureStray":
    "Có hình sau các phương án không thuộc câu hỏi hay phương án nào. Đặt hình ngay dưới câu hỏi, hoặc trong dòng của phương án.",
  "wordImport.numberRepeated":
    "Số câu {n} có ở nhiều câu trong tệp. Hãy đánh mỗi câu một số riêng để lỗi được báo đúng câu.",
};

export const wordImportEn: Record<keyof typeof wordImportVi, string> = {
  "import.question": "Question {line}",
  "import.doneQuestions": "Imported {n, plural, one {# question} other {# questions}}.",
  "import.fileWithWord": "CSV or XLSX file, or a Word file (.docx)",
  "import.wordCategory": "Category of a Word file's questions (when a question has no “Lĩnh vực:” line)",
  "import.wordSample": "Download the Word sample",
  "import.wordLayouts":
    "Word files: each question starts with “Câu 1:”, options with “A.”, “B.” … (one per line, or on one line separated by Tab); the right answer is bold, underlined, marked “*” or given in a line “Đáp án: B”. Lines “Giải thích:”, “Căn cứ:”, “Lĩnh vực:”, “Mã:” may follow. Pictures in a question or an option come along and need a description (Alt Text).",
  "import.notWord":
    "The file is not a readable Word document (.docx). If it is an old .doc file, open it in Word, “Save as” .docx and import it again.",
  "wordImport.unzippedTooLarge":
    "This Word file decompresses to more than {unzippedMb} MB, so it was not read and nothing was imported. Make the pictures smaller or fewer, or split the file.",
  "wordImport.tooManyQuestions":
    "The file has more than {max, number} questions, so nothing was imported. Please split it into files of at most {max, number} questions and import them one after another.",
  "wordImport.noQuestions":
    "No questions found. Each question must start with “Câu 1:”, “Câu 2:” …, each option with “A.”, “B.” … (see the Word template).",
  "wordImport.oldFont":
    "The file uses an old font encoding (TCVN3 such as .VnTime, or VNI), so its Vietnamese text cannot be read. Convert it to Unicode (e.g. with Unikey's converter), save and import again.",
  "wordImport.noOptions":
    "This question has no options. Write each option on its own line starting with “A.”, “B.” … (or several on one line, separated by Tab).",
  "wordImport.optionsWithoutQuestion":
    "After this question comes option “{letter}.” that belongs to no question: the next question's “Câu …:” line may be missing.",
  "wordImport.optionOrder": "Option “{letter}.” is out of order: the next option must be “{expected}.”.",
  "wordImport.strayLine":
    "Cannot tell what “{text}” is. After the options only the lines Đáp án:, Giải thích:, Căn cứ:, Lĩnh vực:, Mã:, Độ khó:, Thẻ: may follow.",
  "wordImport.fieldRepeated": "The line “{label}:” appears twice in this question.",
  "wordImport.noMark":
    "This question has no correct answer marked. Make the right option bold or underlined, put * before it, or add a line “Đáp án: B”.",
  "wordImport.marksDisagree":
    "The marks of the correct answer disagree (bold: {bold}; underlined: {underline}; *: {star}; “Đáp án” line: {line}). Use only one way.",
  "wordImport.answerLine":
    "Cannot read the line “Đáp án: {value}”: write the letters of the right options, e.g. “Đáp án: B” or “Đáp án: A, C”.",
  "wordImport.pictureNoAlt":
    "The picture in this question has no description (Alt Text) for screen-reader users. In Word, right-click the picture, choose “View/Edit Alt Text” and write one.",
  "wordImport.optionPictureNoAlt":
    "The picture in option {letter} has no description (Alt Text) for screen-reader users. In Word, right-click the picture, choose “View/Edit Alt Text” and write one.",
  "wordImport.pictureMany": "The question has {n} pictures; a question may have one.",
  "wordImport.optionPictureMany": "Option {letter} has {n} pictures; an option may have one.",
  "wordImport.pictureFormat":
    "The picture in this question is {type}, which web pages cannot show. Insert it again as PNG or JPG.",
  "wordImport.pictureStray":
    "A picture after the options belongs to no question or option. Put it right under the question, or on the option's line.",
  "wordImport.numberRepeated":
    "Question number {n} is used by several questions in the file. Give each question its own number so problems point at the right one.",
};
