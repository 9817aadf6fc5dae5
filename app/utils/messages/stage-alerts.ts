/** Scoring alerts on the organiser's Điều hành page during a stage show (issue 20, item 4). */
export const stageAlertsVi = {
  "stageAlerts.title": "Cảnh báo chấm điểm",
  "stageAlerts.none":
    "Chưa có cảnh báo: các giám khảo đã chấm đủ đội vừa thi và không chấm chênh lệch quá ngưỡng.",
  "stageAlerts.summary": "{n} cảnh báo",
  "stageAlerts.new": "{n} cảnh báo mới",
  "stageAlerts.cleared": "Không còn cảnh báo chấm điểm",
  "stageAlerts.spreadTag": "Chênh lệch",
  "stageAlerts.missingTag": "Chưa chấm",
  "stageAlerts.spread":
    "{team} — {part}: điểm giám khảo chênh lệch quá {pct}% điểm tối đa: thấp nhất {low} ({lowJudges}), cao nhất {high} ({highJudges})",
  "stageAlerts.missing": "Giám khảo {judge} chưa chấm {team} ({part})",
  "stageAlerts.rule":
    "Tự cập nhật vài giây một lần. Đội vừa thi: trong mỗi phần thi đang mở, đội thi sau cùng theo thứ tự thi đã thi xong (đã có điểm của ít nhất một giám khảo, hoặc đã bấm dừng giờ).",
};

export const stageAlertsEn: Record<keyof typeof stageAlertsVi, string> = {
  "stageAlerts.title": "Scoring alerts",
  "stageAlerts.none":
    "No alerts: every judge has scored the team that just finished and no judges disagree beyond the threshold.",
  "stageAlerts.summary": "{n, plural, one {# alert} other {# alerts}}",
  "stageAlerts.new": "{n, plural, one {# new alert} other {# new alerts}}",
  "stageAlerts.cleared": "No scoring alerts left",
  "stageAlerts.spreadTag": "Disagreement",
  "stageAlerts.missingTag": "Not scored",
  "stageAlerts.spread":
    "{team} — {part}: the judges' scores differ by more than {pct}% of the maximum: lowest {low} ({lowJudges}), highest {high} ({highJudges})",
  "stageAlerts.missing": "Judge {judge} has not scored {team} ({part})",
  "stageAlerts.rule":
    "Updates every few seconds. The team that just finished: in each open part, the team latest in the order of performance that has finished (scored by at least one judge, or its stopwatch stopped).",
};
