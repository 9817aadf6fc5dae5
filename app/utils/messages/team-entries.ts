/** Interface text of team entries in quiz contests: the captain's choice, the members' view. */
export const teamEntriesVi = {
  "teamEntry.notTaken": "Cuộc thi này không nhận bài dự thi theo đội.",
  "teamEntry.noTeam": "Bạn không ở đội nào trong cuộc thi này, nên không thể dự thi cho đội.",
  "teamEntry.notCaptain":
    "Chỉ đội trưởng mới làm bài cho {team}. Đội trưởng của đội là {captain}; hãy liên hệ ban tổ chức nếu cần đổi.",
  "teamEntry.teamOnly":
    "Cuộc thi này chỉ nhận bài dự thi theo đội: đội trưởng làm bài cho cả đội từ trang cuộc thi.",
  "teamEntry.enterFor": "Dự thi cho {team}",
  "teamEntry.enterForTeam": "Dự thi cho đội {team}",
  "teamEntry.enterHint": "(bài làm tính cho cả đội)",
  "teamEntry.choose":
    "Bạn là đội trưởng của {team}: chọn dự thi cá nhân hoặc làm bài cho đội. Mỗi cách có số lượt riêng.",
  "teamEntry.confirmFor":
    "Bạn làm bài cho {team}. Điểm được xếp hạng ở bảng giải đội, không tính cho cá nhân bạn.",
  "teamEntry.startFor": "Bắt đầu làm bài cho {team}",
  "teamEntry.resume": "Tiếp tục làm bài cho {team}",
  "teamEntry.yourTeam": "Đội của bạn: {team}",
  "teamEntry.captain": "Đội trưởng: {name}",
  "teamEntry.captainYou": "Bạn là đội trưởng.",
  "teamEntry.memberNote": "Đội trưởng làm bài cho cả đội; bài dự thi của đội hiện ở đây.",
  "teamEntry.entries": "Bài dự thi của đội",
  "teamEntry.none": "Đội chưa có bài dự thi nào.",
  "teamEntry.used": "Đội đã dự thi {n} lần (tối đa {max} lần).",
  "teamEntry.inProgress": "Đang làm (đội trưởng {name})",
  "teamEntry.by": "Đội trưởng {name} làm bài",
  "teamEntry.ofTeam": "Bài của {team}",
  "teamEntry.organiserHint":
    "Đội trưởng (thành viên có tài khoản) làm bài cho cả đội từ trang cuộc thi, bằng nút “Dự thi cho …” tên đội; các thành viên xem bài của đội ở đó.",
  "teamEntry.organiserOff":
    "Cuộc thi đang chỉ nhận bài dự thi cá nhân: các đội chưa dự thi được. Đổi “Hình thức dự thi” thành “Theo đội” hoặc “Cá nhân và theo đội” trong cài đặt cuộc thi.",
};

export const teamEntriesEn: Record<keyof typeof teamEntriesVi, string> = {
  "teamEntry.notTaken": "This contest does not take team entries.",
  "teamEntry.noTeam": "You are not in a team of this contest, so you cannot enter for a team.",
  "teamEntry.notCaptain":
    "Only the captain enters for {team}. The team's captain is {captain}; ask the organisers to change it.",
  "teamEntry.teamOnly":
    "This contest takes team entries only: the captain takes the quiz for the team from the contest page.",
  "teamEntry.enterFor": "Enter for {team}",
  "teamEntry.enterForTeam": "Enter for team {team}",
  "teamEntry.enterHint": "(the score counts for the whole team)",
  "teamEntry.choose":
    "You are the captain of {team}: enter on your own or for the team. Each has its own attempts.",
  "teamEntry.confirmFor":
    "You are entering for {team}. The score is ranked in the team table, not for you personally.",
  "teamEntry.startFor": "Start the quiz for {team}",
  "teamEntry.resume": "Continue the quiz for {team}",
  "teamEntry.yourTeam": "Your team: {team}",
  "teamEntry.captain": "Captain: {name}",
  "teamEntry.captainYou": "You are the captain.",
  "teamEntry.memberNote": "The captain takes the quiz for the whole team; the team's entries show here.",
  "teamEntry.entries": "The team's entries",
  "teamEntry.none": "The team has no entries yet.",
  "teamEntry.used": "The team has entered {n, plural, one {once} other {# times}} (at most {max}).",
  "teamEntry.inProgress": "In progress (captain {name})",
  "teamEntry.by": "Taken by the captain, {name}",
  "teamEntry.ofTeam": "Entry of {team}",
  "teamEntry.organiserHint":
    "The captain (a member with an account) takes the quiz for the whole team from the contest page, with the “Enter for …” button; members see the team's entries there.",
  "teamEntry.organiserOff":
    "This contest takes individual entries only: teams cannot enter yet. Change “Entry modes” to team or both in the contest's settings.",
};
