/** Interface text of number fields (utils/numbers.ts), team validation and the stage rules that keep scores. */
export const numbersTeamsVi = {
  "numbers.notNumber":
    "“{text}” không phải là một số. Chỉ gõ chữ số; phần thập phân sau dấu phẩy, ví dụ 7,5.",
  "numbers.wholeOnly": "“{text}” có phần thập phân, nhưng ô này chỉ nhận số nguyên.",
  "numbers.tooManyDecimals": "“{text}”: chỉ được {n} chữ số sau dấu phẩy, ví dụ 7,5.",
  "numbers.ambiguous":
    "“{text}” có thể hiểu là {decimal} hoặc {thousands}. Hãy gõ {decimalPlain} nếu là số thập phân, hoặc {thousandsPlain} nếu là số nghìn.",
  "numbers.grouping":
    "“{text}”: dấu chấm (hoặc phẩy) ngăn cách hàng nghìn phải chia số thành từng nhóm 3 chữ số, ví dụ 1.000.000.",
  "numbers.tooBig": "“{text}” quá lớn.",
  "numbers.min": "Số nhỏ nhất được nhập là {min}.",
  "numbers.range": "Nhập số từ {min} đến {max}.",
  "teams.personInTeam": "{name} đã là thành viên của {team} trong cuộc thi này; mỗi người chỉ ở một đội.",
  "teams.memberDuplicate":
    "{team} đã có thành viên tên “{name}”. Nếu là hai người khác nhau, hãy ghi thêm để phân biệt (ví dụ năm sinh).",
  "teams.startedNoRename": "Hội thi đã bắt đầu: không thể đổi tên hay đơn vị của đội.",
  "teams.rename": "Đổi tên, đơn vị",
  "teams.renameSave": "Lưu tên và đơn vị",
  "teams.renamed": "Đã lưu tên và đơn vị của đội.",
  "teams.renameHint": "Đổi được đến khi hội thi bắt đầu.",
  "teams.unknownUnit": "Không tìm thấy đơn vị này.",
  "stage.trimRule":
    "Bỏ điểm cao nhất và thấp nhất chỉ khi đội được ít nhất {min} giám khảo chấm. Đội có ít giám khảo hơn vì có giám khảo không được chấm (cùng đơn vị hoặc là thành viên của đội) lấy trung bình cộng của các giám khảo còn lại, không bỏ điểm nào.",
  "stage.flag.fewerJudges":
    "trung bình cộng của {n} giám khảo, không bỏ điểm cao/thấp vì {k} giám khảo không được chấm đội này",
  "stage.flag.conflicts": "{n} giám khảo không chấm đội này (cùng đơn vị hoặc là thành viên của đội)",
};

export const numbersTeamsEn: Record<keyof typeof numbersTeamsVi, string> = {
  "numbers.notNumber": "“{text}” is not a number. Type digits only, e.g. 7.5 (or 7,5 as in Vietnamese).",
  "numbers.wholeOnly": "“{text}” has decimals, but this field takes whole numbers only.",
  "numbers.tooManyDecimals":
    "“{text}”: at most {n, plural, one {# digit} other {# digits}} after the decimal point, e.g. 7.5.",
  "numbers.ambiguous":
    "“{text}” can be read two ways (in Vietnamese a dot groups thousands). Type {decimalPlain} for the number with decimals, or {thousandsPlain} for the whole number.",
  "numbers.grouping":
    "“{text}”: a thousands separator must split the number into groups of 3 digits, e.g. 1.000.000.",
  "numbers.tooBig": "“{text}” is too large.",
  "numbers.min": "The smallest number allowed is {min}.",
  "numbers.range": "Enter a number from {min} to {max}.",
  "teams.personInTeam":
    "{name} is already a member of {team} in this contest; each person is in one team only.",
  "teams.memberDuplicate":
    "{team} already has a member named “{name}”. If they are two people, add something to tell them apart (e.g. the year of birth).",
  "teams.startedNoRename": "The contest has started: a team's name and unit can no longer change.",
  "teams.rename": "Rename, change unit",
  "teams.renameSave": "Save name and unit",
  "teams.renamed": "The team's name and unit are saved.",
  "teams.renameHint": "Can be changed until the contest starts.",
  "teams.unknownUnit": "This unit does not exist.",
  "stage.trimRule":
    "The highest and lowest scores are dropped only when at least {min} judges scored the team. A team with fewer judges because some may not score it (same unit, or a member of the team) gets the mean of the remaining judges, nothing dropped.",
  "stage.flag.fewerJudges":
    "mean of {n, plural, one {# judge} other {# judges}}, highest and lowest not dropped because {k, plural, one {# judge} other {# judges}} may not score this team",
  "stage.flag.conflicts":
    "{n, plural, one {# judge does} other {# judges do}} not score this team (same unit, or a member of the team)",
};
