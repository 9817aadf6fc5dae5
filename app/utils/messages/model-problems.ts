/**
 * What the models answer when they refuse something (a setting, a question,
 * a row of an imported file): message keys, with values (see `message` in
 * app/utils/i18n.ts).
 */
export const modelProblemsVi = {
  "import.cellTooLong": "Ô ở cột “{column}” dài {length, number} ký tự, tối đa {max, number} ký tự.",
  "import.unknownColumn": "Cột “{header}” không có trong mẫu.",
  "import.missingColumn": "Thiếu cột “{header}”.",
  "questionImport.codeMissing": "Thiếu mã câu hỏi.",
  "questionImport.codeExists": "Mã “{code}” đã có trong ngân hàng câu hỏi.",
  "questionImport.codeRepeated": "Mã “{code}” trùng với dòng {line}.",
  "questionImport.categoryInvalid":
    "Lĩnh vực “{value}” không hợp lệ: không có trong danh sách lĩnh vực ({names}).",
  "questionImport.categoryRetired":
    "Lĩnh vực “{value}” đã ngừng dùng: chỉ câu hỏi đang thuộc lĩnh vực này được giữ nó.",
  "questionImport.kindInvalid": "Loại “{value}” không hợp lệ (Một đáp án, Nhiều đáp án, Đúng/Sai).",
  "questionImport.optionsGap": "Các phương án phải liền nhau, không để trống ở giữa.",
  "questionImport.answerLetters": "Đáp án “{letters}” không ứng với phương án nào.",
  "questionImport.difficultyInvalid": "Độ khó “{value}” không hợp lệ (Dễ, Trung bình, Khó).",
  "questionImport.statusInvalid": "Trạng thái “{value}” không hợp lệ (Đang dùng, Ngừng dùng, Lịch sử).",
  "questionCheck.promptMissing": "Thiếu nội dung câu hỏi.",
  "questionCheck.promptLong": "Câu hỏi dài quá 1000 ký tự.",
  "questionCheck.optionCount": "Câu hỏi cần từ 2 đến 6 phương án.",
  "questionCheck.optionEmpty": "Có phương án để trống.",
  "questionCheck.optionRepeated": "Có hai phương án trùng nhau.",
  "questionCheck.noCorrect": "Chưa chọn đáp án đúng.",
  "questionCheck.oneCorrect": "Câu một đáp án (hoặc Đúng/Sai) chỉ được có một đáp án đúng.",
  "questionCheck.trueFalseTwo": "Câu Đúng/Sai phải có đúng 2 phương án.",
  "questionCheck.codeInvalid": "Mã chỉ gồm chữ không dấu, số, dấu gạch (tối đa 40 ký tự).",
  "questionCheck.optionLong": "Có phương án dài quá 500 ký tự.",
  "questionCheck.explanationLong": "Giải thích dài quá 2000 ký tự.",
  "questionCheck.legalSourceLong": "Căn cứ pháp lý dài quá 300 ký tự.",
  "questionCheck.tags": "Tối đa 20 thẻ, mỗi thẻ tối đa 60 ký tự.",
  "unitImport.nameMissing": "Thiếu tên đơn vị.",
  "unitImport.nameLong": "Tên đơn vị dài quá 120 ký tự.",
  "unitImport.nameExists": "Đơn vị “{name}” đã có trong danh sách.",
  "unitImport.nameRepeated": "Đơn vị “{name}” trùng với dòng {line}.",
  "unitImport.kindInvalid": "Loại đơn vị “{value}” không hợp lệ ({kinds}).",
  "unitImport.denominatorInvalid": "Mẫu số “{value}” phải là số nguyên không âm.",
  "unitImport.denominatorKindInvalid": "“{value}” không hợp lệ (Dân số, Hộ gia đình, Thành viên).",
  "unitImport.codeLong": "Mã “{code}…” dài quá 20 ký tự.",
  "contestSettings.prizeRow":
    "Giải ở dòng {row}: cần tên giải, số lượng từ 1 đến {maxCount, number} và số tiền từ 0 đến {maxAmount, number} đồng.",
  "contestSettings.titleShort": "Tên cuộc thi cần ít nhất 5 ký tự.",
  "contestSettings.slugInvalid": "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.",
  "contestSettings.opensAtMissing": "Vui lòng nhập thời điểm bắt đầu.",
  "contestSettings.closesAtMissing": "Vui lòng nhập thời điểm kết thúc.",
  "contestSettings.closesBeforeOpens": "Thời điểm kết thúc phải sau thời điểm bắt đầu.",
  "contestSettings.timeLimit": "Thời gian làm bài từ 1 đến 180 phút.",
  "contestSettings.drawEmpty": "Đề thi cần ít nhất 1 câu hỏi.",
  "contestSettings.drawTooMany": "Đề thi tối đa 200 câu hỏi.",
  "contestSettings.drawShort": "Lĩnh vực {category} chỉ có {have} câu đang dùng, không đủ {need} câu.",
  "contestSettings.drawShortMany": "Không đủ câu hỏi đang dùng (có/cần): {list}.",
  "contestSettings.fixedEmpty": "Danh sách câu hỏi cố định đang trống.",
  "contestSettings.points": "Điểm mỗi câu từ 1 đến 100.",
  "contestSettings.maxAttempts": "Số lần dự thi từ 1 đến 50.",
  "contestSettings.predictionPrompt": "Vui lòng nhập câu hỏi dự đoán.",
  "contestSettings.started": "Không thể thay đổi vì đã có người bắt đầu làm bài.",
  "contestSettings.startedOpens":
    "Không thể thay đổi vì đã có người bắt đầu làm bài. Chỉ được mở sớm hơn, không được lùi giờ bắt đầu.",
  "contestSettings.startedCloses":
    "Không thể thay đổi vì đã có người bắt đầu làm bài. Chỉ được gia hạn, không được rút ngắn thời gian thi.",
  "contestSettings.inReview": "Cuộc thi đã kết thúc và đang được xét kết quả; không thể sửa cài đặt.",
  "contestSettings.closedRules":
    "Cuộc thi đã kết thúc: thể lệ không còn được sửa đổi; chỉ hội đồng ghi nhận quyết định.",
  "contestSettings.rulesHandEdited":
    "Thay đổi này làm thể lệ khác đi, nhưng thể lệ đã được sửa tay nên không tự cập nhật được. Hãy sửa thể lệ cho khớp, hoặc bấm “Tạo lại thể lệ”.",
  "contestSettings.amendmentReason":
    "Đã có người dự thi: mọi thay đổi thể lệ là một lần sửa đổi, cần ghi lý do (ít nhất 5 ký tự) để công bố cùng thể lệ.",
  "contestSettings.unpublishStarted": "Không thể hủy công bố: đã có người bắt đầu làm bài.",
  "stageSettings.titleShort": "Tên hội thi cần ít nhất 5 ký tự.",
  "stageSettings.spread": "Mức chênh lệch từ 1 đến 100 (% điểm tối đa của phần thi).",
  "stageSettings.amendmentReason":
    "Đã có điểm: mọi thay đổi cách tính điểm, phần thi hay giải thưởng là một lần sửa đổi thể lệ, cần ghi lý do (ít nhất 5 ký tự) để công bố cùng thể lệ.",
  "stageSettings.over":
    "Các phần thi đã khóa: thể lệ không còn được sửa đổi; chỉ hội đồng ghi nhận quyết định.",
  "stageSettings.noParts": "Hội thi chưa có phần thi nào.",
  "stageSettings.fewTeams": "Hội thi cần ít nhất 2 đội.",
  "stageSettings.noJudges": "Chưa phân công giám khảo.",
  "stagePart.nameMissing": "Vui lòng nhập tên phần thi.",
  "stagePart.maxScore": "Điểm tối đa là số nguyên từ 1 đến 1000.",
  "stagePart.timeLimit": "Thời gian tối đa từ 0,5 đến 240 phút (lẻ đến 0,1 phút, ví dụ 7,5).",
  "stagePart.penalty":
    "Điểm trừ mỗi phút không âm, không quá điểm tối đa, lẻ nhiều nhất 1 chữ số thập phân (ví dụ 0,5).",
  "stagePart.knowledgeQuestions": "Số câu hỏi từ 1 đến 100.",
  "stagePart.knowledgePoints": "Điểm mỗi câu đúng từ 1 đến điểm tối đa của phần thi.",
  "stagePart.criteriaInvalid": "Mỗi tiêu chí cần tên và điểm tối đa là số nguyên dương.",
  "stagePart.criteriaSum": "Tổng điểm các tiêu chí ({sum}) phải bằng điểm tối đa của phần thi ({max}).",
  "stagePart.scored": "Phần thi đã có điểm: không thể đổi điểm tối đa, cách chấm hay tiêu chí.",
};

export const modelProblemsEn: Record<keyof typeof modelProblemsVi, string> = {
  "import.cellTooLong":
    "The cell in column “{column}” has {length, number} characters; at most {max, number} are allowed.",
  "import.unknownColumn": "Column “{header}” is not in the template.",
  "import.missingColumn": "Column “{header}” is missing.",
  "questionImport.codeMissing": "The question code is missing.",
  "questionImport.codeExists": "Code “{code}” is already in the question bank.",
  "questionImport.codeRepeated": "Code “{code}” repeats line {line}.",
  "questionImport.categoryInvalid":
    "Category “{value}” is not valid: it is not in the list of categories ({names}).",
  "questionImport.categoryRetired":
    "Category “{value}” is retired: only questions already in it may keep it.",
  "questionImport.kindInvalid": "Type “{value}” is not valid (Một đáp án, Nhiều đáp án, Đúng/Sai).",
  "questionImport.optionsGap": "The options must follow one another, with no empty one between them.",
  "questionImport.answerLetters": "Answer “{letters}” matches no option.",
  "questionImport.difficultyInvalid": "Difficulty “{value}” is not valid (Dễ, Trung bình, Khó).",
  "questionImport.statusInvalid": "Status “{value}” is not valid (Đang dùng, Ngừng dùng, Lịch sử).",
  "questionCheck.promptMissing": "The question text is missing.",
  "questionCheck.promptLong": "The question is longer than 1000 characters.",
  "questionCheck.optionCount": "A question needs 2 to 6 options.",
  "questionCheck.optionEmpty": "An option is empty.",
  "questionCheck.optionRepeated": "Two options are the same.",
  "questionCheck.noCorrect": "No correct answer is chosen.",
  "questionCheck.oneCorrect": "A single-answer (or true/false) question may have only one correct answer.",
  "questionCheck.trueFalseTwo": "A true/false question must have exactly 2 options.",
  "questionCheck.codeInvalid":
    "The code may hold only letters without diacritics, digits and dashes (at most 40 characters).",
  "questionCheck.optionLong": "An option is longer than 500 characters.",
  "questionCheck.explanationLong": "The explanation is longer than 2000 characters.",
  "questionCheck.legalSourceLong": "The legal basis is longer than 300 characters.",
  "questionCheck.tags": "At most 20 tags, each at most 60 characters.",
  "unitImport.nameMissing": "The unit's name is missing.",
  "unitImport.nameLong": "The unit's name is longer than 120 characters.",
  "unitImport.nameExists": "Unit “{name}” is already on the list.",
  "unitImport.nameRepeated": "Unit “{name}” repeats line {line}.",
  "unitImport.kindInvalid": "Unit type “{value}” is not valid ({kinds}).",
  "unitImport.denominatorInvalid": "Denominator “{value}” must be a whole number, not negative.",
  "unitImport.denominatorKindInvalid": "“{value}” is not valid (Dân số, Hộ gia đình, Thành viên).",
  "unitImport.codeLong": "Code “{code}…” is longer than 20 characters.",
  "contestSettings.prizeRow":
    "Prize on line {row}: it needs a name, a number from 1 to {maxCount, number} and an amount from 0 to {maxAmount, number} đồng.",
  "contestSettings.titleShort": "The contest's name needs at least 5 characters.",
  "contestSettings.slugInvalid":
    "The address may hold only lower-case letters without diacritics, digits and dashes.",
  "contestSettings.opensAtMissing": "Please enter when it opens.",
  "contestSettings.closesAtMissing": "Please enter when it closes.",
  "contestSettings.closesBeforeOpens": "It must close after it opens.",
  "contestSettings.timeLimit": "The time limit is 1 to 180 minutes.",
  "contestSettings.drawEmpty": "The quiz needs at least 1 question.",
  "contestSettings.drawTooMany": "The quiz has at most 200 questions.",
  "contestSettings.drawShort":
    "Category {category} has only {have, plural, one {# question} other {# questions}} in use, fewer than {need}.",
  "contestSettings.drawShortMany": "Not enough questions in use (have/need): {list}.",
  "contestSettings.fixedEmpty": "The list of fixed questions is empty.",
  "contestSettings.points": "Points per question are 1 to 100.",
  "contestSettings.maxAttempts": "Attempts allowed are 1 to 50.",
  "contestSettings.predictionPrompt": "Please enter the prediction question.",
  "contestSettings.started": "This cannot change: someone has already started.",
  "contestSettings.startedOpens":
    "This cannot change: someone has already started. It may only open earlier, never later.",
  "contestSettings.startedCloses":
    "This cannot change: someone has already started. It may only be extended, never shortened.",
  "contestSettings.inReview":
    "The contest has closed and its results are under review; its settings cannot change.",
  "contestSettings.closedRules":
    "The contest has closed: its rules can no longer be amended; only the committee records decisions.",
  "contestSettings.rulesHandEdited":
    "This change alters the rules, but the rules were edited by hand so they cannot update themselves. Edit the rules to match, or press “Tạo lại thể lệ”.",
  "contestSettings.amendmentReason":
    "People have entered: every change to the rules is an amendment and needs a reason (at least 5 characters), published with the rules.",
  "contestSettings.unpublishStarted": "Cannot unpublish: someone has already started.",
  "stageSettings.titleShort": "The stage contest's name needs at least 5 characters.",
  "stageSettings.spread": "The spread is 1 to 100 (% of the part's maximum score).",
  "stageSettings.amendmentReason":
    "There are scores: every change to the scoring, the parts or the prizes is an amendment to the rules and needs a reason (at least 5 characters), published with the rules.",
  "stageSettings.over":
    "The parts are closed: the rules can no longer be amended; only the committee records decisions.",
  "stageSettings.noParts": "The stage contest has no parts yet.",
  "stageSettings.fewTeams": "The stage contest needs at least 2 teams.",
  "stageSettings.noJudges": "No judges are assigned yet.",
  "stagePart.nameMissing": "Please enter the part's name.",
  "stagePart.maxScore": "The maximum score is a whole number from 1 to 1000.",
  "stagePart.timeLimit": "The time limit is 0.5 to 240 minutes (to 0.1 of a minute, e.g. 7.5).",
  "stagePart.penalty":
    "The points off per minute are not negative, not over the maximum score, with at most 1 decimal digit (e.g. 0.5).",
  "stagePart.knowledgeQuestions": "The number of questions is 1 to 100.",
  "stagePart.knowledgePoints": "Points per correct answer are 1 to the part's maximum score.",
  "stagePart.criteriaInvalid":
    "Each criterion needs a name and a maximum score that is a positive whole number.",
  "stagePart.criteriaSum": "The criteria's points ({sum}) must add up to the part's maximum score ({max}).",
  "stagePart.scored": "The part has scores: its maximum score, scoring or criteria cannot change.",
};
