/** Stage results as published (winners page, results.json, exports) and the award decision (issue 16, item 5). */
export const papersVi = {
  "tie.tiebreakAbove": "Bằng tổng điểm với {team}; xếp trên nhờ điểm phần {part} cao hơn.",
  "tie.tiebreakBelow": "Bằng tổng điểm với {team}; xếp dưới vì điểm phần {part} thấp hơn.",
  "tie.committee": "Bằng tổng điểm và điểm phần {part} với {team}; thứ tự do hội đồng thi quyết định.",
  "tie.committeeNoPart": "Bằng tổng điểm với {team}; thứ tự do hội đồng thi quyết định.",
  "tie.unresolved": "Bằng tổng điểm với {team}; hội đồng thi chưa quyết định thứ tự.",
  "results.partScore": "{part}: {score}",
  "results.points": "{score} điểm",
};

export const papersEn: Record<keyof typeof papersVi, string> = {
  "tie.tiebreakAbove": "Level on total points with {team}; placed higher on the {part} score.",
  "tie.tiebreakBelow": "Level on total points with {team}; placed lower on the {part} score.",
  "tie.committee":
    "Level on total points and the {part} score with {team}; the order was decided by the committee.",
  "tie.committeeNoPart": "Level on total points with {team}; the order was decided by the committee.",
  "tie.unresolved": "Level on total points with {team}; the committee has not decided the order yet.",
  "results.partScore": "{part}: {score}",
  "results.points": "{score, plural, one {# point} other {# points}}",
};
