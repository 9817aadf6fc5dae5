/** Interface text of accounts, sessions and contest committees (issue 13). */
export const accessVi = {
  "accounts.lastAdmin": "Không thể khóa hoặc đổi vai trò quản trị viên cuối cùng còn hoạt động.",
  "accounts.changed": "Tài khoản vừa được người khác thay đổi. Vui lòng tải lại trang và thử lại.",
  "accounts.onlyAdmin":
    "Chỉ quản trị viên mới tạo, đặt lại mật khẩu, khóa hoặc đổi vai trò tài khoản ban tổ chức, hội đồng và quản trị.",
  "accounts.signInLocked": "Tạm chặn đăng nhập đến {until}",
  "accounts.unlock": "Gỡ chặn đăng nhập",
  "accounts.unlocked": "Đã gỡ chặn đăng nhập cho {name}.",
  "roster.title": "Hội đồng xét duyệt",
  "roster.intro":
    "Chỉ các thành viên có tên dưới đây được đồng ý chốt, công bố và mở lại kết quả cuộc thi này. Danh sách và số người phải đồng ý được cố định khi cuộc thi kết thúc.",
  "roster.members": "Thành viên hội đồng",
  "roster.quorum": "Số thành viên phải đồng ý để chốt hoặc mở lại kết quả",
  "roster.save": "Lưu hội đồng",
  "roster.saved": "Đã lưu hội đồng xét duyệt.",
  "roster.frozen": "Cuộc thi đã kết thúc: hội đồng xét duyệt đã được cố định, không thể thay đổi.",
  "roster.empty": "Hãy chọn ít nhất một thành viên hội đồng.",
  "roster.notCommittee": "Chỉ tài khoản hội đồng hoặc quản trị đang hoạt động mới được ở trong hội đồng.",
  "roster.quorumRange": "Số thành viên phải đồng ý phải từ 1 đến số thành viên hội đồng.",
  "roster.notMember": "Bạn không có tên trong hội đồng xét duyệt của cuộc thi này.",
  "roster.none": "Chưa có hội đồng xét duyệt. Quản trị viên cần chọn thành viên trước khi cuộc thi kết thúc.",
  "roster.link": "Hội đồng xét duyệt",
  "roster.summary": "Hội đồng: {names}. Cần {quorum} người đồng ý.",
  "review.reopenRequested":
    "Đã ghi nhận đề nghị mở lại ({n}/{quorum}). Kết quả được mở lại khi đủ số thành viên đồng ý.",
  "review.reopenApprovals": "Đề nghị mở lại: {n}/{quorum}",
  "review.approvalList": "Ý kiến đồng ý chốt",
  "contests.amendmentReason": "Lý do sửa đổi thể lệ",
  "contests.amendmentHint":
    "Cuộc thi đã có người dự thi: thay đổi về thời gian, giải thưởng, đối tượng, cách xếp giải hoặc công bố đáp án là một lần sửa đổi thể lệ, được công bố kèm lý do và ngày sửa đổi.",
  "contest.amendments": "Sửa đổi thể lệ",
  "stage.frozenAfterScore": "Giám khảo đã chấm điểm: không thể xóa phần thi nữa.",
  "stage.amendmentHint":
    "Giám khảo đã chấm: thay đổi cách tính điểm, phần thi, thời gian hay giải thưởng là một lần sửa đổi thể lệ, được công bố kèm lý do và ngày sửa đổi.",
  "contest.amendmentAt": "Sửa đổi lúc {at}. Lý do: {reason}",
  "result.reviewAfterAttempts":
    "Đáp án sẽ hiện khi bạn đã dùng hết số lần dự thi, hoặc khi cuộc thi kết thúc, để không ai xem trước đáp án rồi thi lại.",
  "contests.reviewHint":
    "Để không lộ đáp án: “Ngay sau khi nộp bài” chỉ hiện đáp án khi người dự thi đã dùng hết số lần dự thi; nếu được dự thi theo ngày hoặc theo tuần, đáp án hiện khi cuộc thi kết thúc.",
  "stage.tieChanged":
    "Điểm các đội đã thay đổi nên nhóm bằng điểm không còn như lúc chọn. Vui lòng tải lại trang và quyết định lại.",
  "review.approvalHolds": "{name} đồng ý lúc {at}: còn hiệu lực.",
  "review.approvalLapsed":
    "{name} đồng ý lúc {at}: hết hiệu lực vì kết quả đã thay đổi sau đó (cần đồng ý lại).",
  "audit.contestTitle": "Nhật ký thao tác của cuộc thi",
  "audit.contestLink": "Nhật ký thao tác",
  "sessions.title": "Phiên đăng nhập",
  "sessions.intro": "Các thiết bị đang đăng nhập tài khoản của bạn.",
  "sessions.current": "Thiết bị này",
  "sessions.since": "Đăng nhập lúc {at}",
  "sessions.signOutAll": "Đăng xuất khỏi mọi thiết bị",
  "sessions.resetNotice":
    "Mật khẩu của bạn đã được {name} đặt lại lúc {at}. Nếu không phải bạn yêu cầu, hãy báo ngay cho quản trị viên.",
  "sessions.resetNoticeOk": "Tôi đã biết",
  "sessions.link": "Phiên đăng nhập",
  "sessions.unknownDevice": "Thiết bị không rõ",
  "sessions.commandLine": "quản trị viên (dòng lệnh trên máy chủ)",
  "sessions.assisted": "đăng ký hỗ trợ",
};

export const accessEn: Record<keyof typeof accessVi, string> = {
  "accounts.lastAdmin": "The last active administrator cannot be disabled or given another role.",
  "accounts.changed": "Someone else just changed this account. Reload the page and try again.",
  "accounts.onlyAdmin":
    "Only an administrator creates, resets, disables or changes the role of organiser, committee and administrator accounts.",
  "accounts.signInLocked": "Sign-in blocked until {until}",
  "accounts.unlock": "Lift the sign-in block",
  "accounts.unlocked": "Sign-in block lifted for {name}.",
  "roster.title": "Results committee",
  "roster.intro":
    "Only the members named below can approve locking, announce and reopen this contest's results. The list and the number of approvals needed are frozen when the contest closes.",
  "roster.members": "Committee members",
  "roster.quorum": "Approvals needed to lock or reopen the results",
  "roster.save": "Save committee",
  "roster.saved": "Results committee saved.",
  "roster.frozen": "The contest has closed: its results committee is frozen and cannot change.",
  "roster.empty": "Choose at least one committee member.",
  "roster.notCommittee": "Only active committee or administrator accounts can sit on the committee.",
  "roster.quorumRange": "Approvals needed must be between 1 and the number of members.",
  "roster.notMember": "You are not on this contest's results committee.",
  "roster.none":
    "No results committee yet. An administrator must choose its members before the contest closes.",
  "roster.link": "Results committee",
  "roster.summary": "Committee: {names}. {quorum} must approve.",
  "review.reopenRequested":
    "Reopen request recorded ({n}/{quorum}). The results reopen when enough members agree.",
  "review.reopenApprovals": "Reopen requests: {n}/{quorum}",
  "review.approvalList": "Approvals to lock",
  "contests.amendmentReason": "Reason for amending the rules",
  "contests.amendmentHint":
    "People have entered: a change to the window, prizes, who may enter, how prizes are ranked or when answers are shown is an amendment of the rules, published with its reason and date.",
  "contest.amendments": "Amendments to the rules",
  "stage.frozenAfterScore": "Judges have scored: a part can no longer be deleted.",
  "stage.amendmentHint":
    "Judges have scored: a change to how scores are combined, the parts, the times or the prizes is an amendment of the rules, published with its reason and date.",
  "contest.amendmentAt": "Amended at {at}. Reason: {reason}",
  "result.reviewAfterAttempts":
    "Answers appear once you have used all your attempts, or when the contest closes, so nobody reads the key and then tries again.",
  "contests.reviewHint":
    "So the key never leaks: “Right after submitting” shows answers only once the person has used all their attempts; with attempts per day or week, when the contest closes.",
  "stage.tieChanged":
    "The teams' scores changed, so the tie is no longer the one shown. Reload the page and decide again.",
  "review.approvalHolds": "{name} approved at {at}: still valid.",
  "review.approvalLapsed":
    "{name} approved at {at}: lapsed because the results changed since (approve again).",
  "audit.contestTitle": "Audit log of the contest",
  "audit.contestLink": "Audit log",
  "sessions.title": "Signed-in devices",
  "sessions.intro": "The devices signed in to your account.",
  "sessions.current": "This device",
  "sessions.since": "Signed in at {at}",
  "sessions.signOutAll": "Sign out on every device",
  "sessions.resetNotice":
    "Your password was reset by {name} at {at}. If you did not ask for it, tell an administrator at once.",
  "sessions.resetNoticeOk": "Understood",
  "sessions.link": "Signed-in devices",
  "sessions.unknownDevice": "Unknown device",
  "sessions.commandLine": "an administrator (command line on the server)",
  "sessions.assisted": "assisted registration",
};
