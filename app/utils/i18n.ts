/**
 * Interface text. Vietnamese is the source; English must have every key
 * (the type checker enforces it). Question content stays Vietnamese.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";
import { accessEn, accessVi } from "./messages/access";
import { answerSaveEn, answerSaveVi } from "./messages/answer-save";
import { auditActionsEn, auditActionsVi } from "./messages/audit-actions";
import { modelProblemsEn, modelProblemsVi } from "./messages/model-problems";
import { questionPapersEn, questionPapersVi } from "./messages/question-papers";
import { contestsEn, contestsVi } from "./messages/contests";
import { exportsEn, exportsVi } from "./messages/exports";
import { contestFormsEn, contestFormsVi } from "./messages/contest-forms";
import { numbersTeamsEn, numbersTeamsVi } from "./messages/numbers-teams";
import { organiserEn, organiserVi } from "./messages/organiser";
import { papersEn, papersVi } from "./messages/papers";
import { ownAccountEn, ownAccountVi } from "./messages/own-account";
import { receiptsEn, receiptsVi } from "./messages/receipts";
import { residentEn, residentVi } from "./messages/resident";
import { resultsEn, resultsVi } from "./messages/results";
import { signInEn, signInVi } from "./messages/sign-in";
import { stageEn, stageVi } from "./messages/stage";
import { stageAlertsEn, stageAlertsVi } from "./messages/stage-alerts";
import { audienceVoteEn, audienceVoteVi } from "./messages/audience-vote";
import { stagePaperEn, stagePaperVi } from "./messages/stage-paper";
import { stageTimingEn, stageTimingVi } from "./messages/stage-timing";
import { stageKnowledgeEn, stageKnowledgeVi } from "./messages/stage-knowledge";
import { statsEn, statsVi } from "./messages/stats";
import { teamEntriesEn, teamEntriesVi } from "./messages/team-entries";
import { practiceEn, practiceVi } from "./messages/practice";
import { seasonsEn, seasonsVi } from "./messages/seasons";
import { categoriesEn, categoriesVi } from "./messages/categories";
import { reimportEn, reimportVi } from "./messages/reimport";
import { wordImportEn, wordImportVi } from "./messages/word-import";
import { picturesEn, picturesVi } from "./messages/pictures";
import { importProgressEn, importProgressVi } from "./messages/import-progress";
import { titlesEn, titlesVi } from "./messages/titles";
import { projectorEn, projectorVi } from "./messages/projector";

const vi = {
  "app.name": "Hội Thi",
  "app.tagline": "Thi trực tuyến tìm hiểu cải cách hành chính và chuyển đổi số",
  "nav.home": "Trang chủ",
  "nav.menu": "Tài khoản và ngôn ngữ",
  "nav.myEntries": "Bài dự thi của tôi",
  "nav.login": "Đăng nhập",
  "nav.register": "Đăng ký",
  "nav.logout": "Đăng xuất",
  "nav.skip": "Bỏ qua, đến nội dung chính",
  "nav.language": "English",
  "nav.languageLabel": "Chuyển sang tiếng Anh",
  "home.open": "Đang diễn ra",
  "home.upcoming": "Sắp diễn ra",
  "home.closed": "Đã kết thúc",
  "home.none": "Hiện chưa có cuộc thi nào.",
  "home.viewContest": "Xem thể lệ và dự thi",
  "home.viewResults": "Xem kết quả",
  "home.viewDetails": "Xem chi tiết",
  "countdown.closesIn": "Còn lại",
  "countdown.opensIn": "Mở sau",
  "countdown.days": "ngày",
  "countdown.ended": "Đã hết giờ",
  "contest.window": "Thời gian thi",
  "contest.opens": "Bắt đầu",
  "contest.closes": "Kết thúc",
  "contest.timeLimit": "Thời gian làm bài",
  "contest.minutes": "phút",
  "contest.questionCount": "Số câu hỏi",
  "contest.attempts": "Số lần dự thi",
  "contest.attemptsValue.contest": "{n} lần trong suốt cuộc thi",
  "contest.attemptsValue.day": "{n} lần mỗi ngày",
  "contest.attemptsValue.week": "{n} lần mỗi tuần",
  "contest.counting.best": "Tính lần có kết quả cao nhất",
  "contest.counting.first": "Tính lần dự thi đầu tiên",
  "contest.counting.last": "Tính lần dự thi cuối cùng",
  "contest.rules": "Thể lệ",
  "contest.prizes": "Cơ cấu giải thưởng",
  "contest.prizes.individual": "Giải cá nhân",
  "contest.prizes.team": "Giải đội",
  "contest.prizes.collective": "Giải tập thể",
  "contest.prizes.total": "Tổng giá trị giải thưởng",
  "contest.prizeRow": "{count} giải {label}, mỗi giải {amount}",
  "contest.start": "Bắt đầu làm bài",
  "contest.attemptsUsed": "Bạn đã dự thi {n} lần (tối đa {max} lần). Xem ở mục “Bài dự thi của tôi”.",
  "contest.resume": "Tiếp tục làm bài",
  "contest.loginToStart": "Đăng nhập để dự thi",
  "contest.notOpenYet": "Cuộc thi chưa mở. Vui lòng quay lại khi cuộc thi bắt đầu.",
  "contest.closedNotice": "Cuộc thi đã kết thúc.",
  "contest.share": "Chia sẻ đường dẫn",
  "contest.shareHint": "Gửi đường dẫn này vào nhóm Zalo của tổ dân phố:",
  "contest.status.published": "Sắp diễn ra",
  "contest.status.open": "Đang diễn ra",
  "contest.status.closed": "Đã kết thúc",
  "contest.status.review": "Đang xét kết quả",
  "contest.status.locked": "Đã chốt kết quả",
  "contest.status.announced": "Đã công bố kết quả",
  "contest.status.draft": "Bản nháp",
  "contest.notFound": "Không tìm thấy cuộc thi này.",
  "contest.staffNotRanked": "Bạn là cán bộ của ban tổ chức: bạn có thể làm bài nhưng không được xét giải.",
  "login.title": "Đăng nhập",
  "login.phone": "Số điện thoại",
  "login.password": "Mật khẩu",
  "login.submit": "Đăng nhập",
  "login.failed": "Số điện thoại hoặc mật khẩu không đúng.",
  "login.needsHttps":
    "Trang đang được mở qua HTTP không mã hóa nên trình duyệt sẽ không giữ phiên đăng nhập. Hãy mở trang qua HTTPS, hoặc khi dùng thử trong mạng nội bộ, khởi động máy chủ với SECURE_COOKIES=0.",
  "login.noAccount": "Chưa có tài khoản?",
  "login.registerLink": "Đăng ký tại đây",
  "login.forgot":
    "Quên mật khẩu? Hãy liên hệ ban tổ chức hoặc tổ công nghệ số cộng đồng ở tổ dân phố để được cấp lại mật khẩu.",
  "register.title": "Đăng ký dự thi",
  "register.fullName": "Họ và tên",
  "register.birthYear": "Năm sinh",
  "register.phone": "Số điện thoại",
  "register.phoneHint": "10 chữ số, bắt đầu bằng số 0. Dùng để đăng nhập.",
  "register.password": "Mật khẩu",
  "register.passwordHint": "Ít nhất 8 ký tự.",
  "register.unit": "Đơn vị",
  "register.unitHint": "Tổ dân phố, trường học hoặc cơ quan nơi bạn sinh hoạt.",
  "register.unitChoose": "— Chọn đơn vị —",
  "register.unitOther": "Khác (ghi rõ)",
  "register.unitOtherLabel": "Tên đơn vị khác",
  "register.address": "Địa chỉ (không bắt buộc)",
  "register.consent":
    "Tôi đồng ý cho ban tổ chức xử lý dữ liệu cá nhân của tôi để tổ chức cuộc thi, theo Nghị định 13/2023/NĐ-CP.",
  "register.submit": "Đăng ký",
  "register.haveAccount": "Đã có tài khoản?",
  "register.loginLink": "Đăng nhập",
  "register.phoneTaken": "Số điện thoại này đã được đăng ký. Vui lòng đăng nhập.",
  "register.unitInvalid": "Vui lòng chọn đơn vị trong danh sách.",
  "field.required": "Vui lòng nhập thông tin này.",
  "field.fullNameInvalid": "Vui lòng nhập họ và tên (2–100 ký tự).",
  "field.birthYearInvalid": "Năm sinh phải là 4 chữ số, từ 1900 đến năm nay.",
  "field.phoneInvalid": "Số điện thoại phải có 10 chữ số và bắt đầu bằng số 0.",
  "field.passwordShort": "Mật khẩu phải có ít nhất 8 ký tự.",
  "field.unitRequired": "Vui lòng chọn đơn vị, hoặc chọn “Khác” và ghi rõ tên.",
  "field.unitOtherRequired": "Vui lòng ghi rõ tên đơn vị.",
  "field.consentRequired": "Bạn cần đồng ý để tham gia cuộc thi.",
  "form.fixErrors": "Vui lòng sửa các mục được đánh dấu bên dưới.",
  "start.notPublished": "Cuộc thi này chưa được công bố.",
  "start.notOpenYet": "Cuộc thi chưa mở. Bạn chưa thể bắt đầu làm bài.",
  "start.closed": "Cuộc thi đã kết thúc, không thể bắt đầu bài mới.",
  "start.noAttemptsLeft": "Bạn đã dùng hết số lần dự thi của cuộc thi này.",
  "start.noAttemptsLeftPeriod": "Bạn đã dùng hết số lần dự thi trong kỳ này. Vui lòng quay lại sau.",
  "start.bankTooSmall": "Ngân hàng câu hỏi chưa đủ câu để ra đề. Vui lòng báo ban tổ chức.",
  "start.notQuiz": "Cuộc thi này không thi trực tuyến.",
  "attempt.notFound": "Không tìm thấy bài dự thi.",
  "attempt.closed": "Bài thi đã nộp hoặc đã hết giờ. Không thể lưu thêm câu trả lời.",
  "answer.invalid": "Câu trả lời không hợp lệ.",
  "quiz.timer": "Thời gian còn lại",
  "quiz.progress": "Đã trả lời {n}/{total} câu",
  "quiz.question": "Câu {n}",
  "quiz.multipleHint": "Chọn tất cả đáp án đúng",
  "quiz.saved": "Đã lưu",
  "quiz.saving": "Đang lưu…",
  "quiz.pending": "Chưa gửi được — sẽ tự gửi lại",
  "quiz.offline": "Mất kết nối. Câu trả lời được giữ trên máy và sẽ tự gửi khi có mạng.",
  "quiz.prediction": "Dự đoán",
  "quiz.predictionTitle": "Câu hỏi dự đoán",
  "quiz.submit": "Nộp bài",
  "quiz.confirmTitle": "Nộp bài?",
  "quiz.confirmUnanswered": "Bạn chưa trả lời: {list}.",
  "quiz.confirmAll": "Bạn đã trả lời tất cả các câu.",
  "quiz.confirmNote": "Sau khi nộp, bạn không thể sửa câu trả lời.",
  "quiz.confirmYes": "Đồng ý nộp bài",
  "quiz.confirmNo": "Quay lại làm tiếp",
  "quiz.timeUp": "Đã hết giờ. Bài của bạn được nộp tự động với các câu trả lời đã lưu.",
  "quiz.predictionMissing": "câu dự đoán",
  "quiz.submitting": "Đang nộp bài…",
  "quiz.submitRetry":
    "Chưa nộp được vì mất kết nối. Câu trả lời vẫn được giữ trên máy này; hệ thống đang tự thử lại, xin đừng đóng trang.",
  "result.title": "Kết quả bài dự thi",
  "result.score": "Điểm",
  "result.correct": "Số câu đúng",
  "result.duration": "Thời gian làm bài",
  "result.submittedAt": "Nộp lúc",
  "result.receipt": "Mã xác nhận",
  "result.receiptHint": "Hãy lưu mã này (chụp màn hình) để đối chiếu khi cần.",
  "result.auto": "Bài được nộp tự động khi hết giờ.",
  "result.prediction": "Dự đoán của bạn",
  "result.review": "Đáp án và giải thích",
  "result.reviewLater": "Đáp án sẽ được công bố sau khi cuộc thi kết thúc.",
  "result.reviewNever": "Cuộc thi này không công bố đáp án.",
  "result.yourAnswer": "Bạn chọn",
  "result.correctAnswer": "Đáp án đúng",
  "result.noAnswer": "Không trả lời",
  "result.right": "Đúng",
  "result.wrong": "Sai",
  "result.legal": "Căn cứ",
  "result.backToContest": "Về trang cuộc thi",
  "entries.title": "Bài dự thi của tôi",
  "entries.none": "Bạn chưa có bài dự thi nào.",
  "entries.attemptNo": "Lần {n}",
  "entries.inProgress": "Đang làm",
  "entries.counts": "Lần được tính",
  "entries.view": "Xem",
  "entries.continue": "Làm tiếp",
  "error.title": "Có lỗi xảy ra",
  "error.notFound": "Không tìm thấy trang bạn cần.",
  "error.forbidden": "Bạn không có quyền truy cập trang này.",
  "error.conflict": "Thao tác không thực hiện được.",
  "error.generic":
    "Hệ thống đang gặp sự cố tạm thời. Những gì đã lưu không bị mất; vui lòng thử lại sau ít phút.",
  "error.unavailable":
    "Máy chủ tạm thời không lưu được dữ liệu. Những gì đã lưu không bị mất; vui lòng thử lại sau ít phút.",
  "error.badRequest": "Yêu cầu không hợp lệ. Vui lòng tải lại trang và thử lại.",
  "error.tooMany": "Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.",
  "error.offline":
    "Mất kết nối và trang này chưa được lưu trên máy. Câu trả lời và điểm chưa gửi vẫn được giữ; chúng sẽ tự gửi khi có mạng.",
  "error.busy":
    "Đang có rất nhiều người đăng nhập cùng lúc. Vui lòng đợi vài giây rồi bấm lại. Bài làm đã lưu không bị mất.",
  "error.backHome": "Về trang chủ",
  "footer.text": "Hội Thi — nền tảng thi trực tuyến cho phường, xã.",
  "role.resident": "Người dự thi",
  "role.organiser": "Ban tổ chức",
  "role.committee": "Hội đồng",
  "role.judge": "Giám khảo",
  "role.admin": "Quản trị",
  ...organiserVi,
  ...exportsVi,
  ...contestFormsVi,
  ...contestsVi,
  ...resultsVi,
  ...statsVi,
  ...accessVi,
  ...answerSaveVi,
  ...residentVi,
  ...stageVi,
  ...stagePaperVi,
  ...stageAlertsVi,
  ...audienceVoteVi,
  ...stageTimingVi,
  ...stageKnowledgeVi,
  ...signInVi,
  ...numbersTeamsVi,
  ...papersVi,
  ...teamEntriesVi,
  ...practiceVi,
  ...seasonsVi,
  ...categoriesVi,
  ...reimportVi,
  ...wordImportVi,
  ...picturesVi,
  ...importProgressVi,
  ...ownAccountVi,
  ...receiptsVi,
  ...titlesVi,
  ...projectorVi,
  ...auditActionsVi,
  ...modelProblemsVi,
  ...questionPapersVi,
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  "app.name": "Hội Thi",
  "app.tagline": "Online contests on administrative reform and digital transformation",
  "nav.home": "Home",
  "nav.menu": "Account and language",
  "nav.myEntries": "My entries",
  "nav.login": "Sign in",
  "nav.register": "Register",
  "nav.logout": "Sign out",
  "nav.skip": "Skip to main content",
  "nav.language": "Tiếng Việt",
  "nav.languageLabel": "Switch to Vietnamese",
  "home.open": "Open now",
  "home.upcoming": "Coming up",
  "home.closed": "Finished",
  "home.none": "There are no contests yet.",
  "home.viewContest": "Rules and entry",
  "home.viewResults": "See the results",
  "home.viewDetails": "Details",
  "countdown.closesIn": "Closes in",
  "countdown.opensIn": "Opens in",
  "countdown.days": "d",
  "countdown.ended": "Time is up",
  "contest.window": "Contest window",
  "contest.opens": "Opens",
  "contest.closes": "Closes",
  "contest.timeLimit": "Time limit",
  "contest.minutes": "minutes",
  "contest.questionCount": "Questions",
  "contest.attempts": "Attempts allowed",
  "contest.attemptsValue.contest": "{n} for the whole contest",
  "contest.attemptsValue.day": "{n} per day",
  "contest.attemptsValue.week": "{n} per week",
  "contest.counting.best": "Your best attempt counts",
  "contest.counting.first": "Your first attempt counts",
  "contest.counting.last": "Your last attempt counts",
  "contest.rules": "Rules",
  "contest.prizes": "Prizes",
  "contest.prizes.individual": "Individual prizes",
  "contest.prizes.team": "Team prizes",
  "contest.prizes.collective": "Collective prizes",
  "contest.prizes.total": "Total prize value",
  "contest.prizeRow": "{count} × {label} prize, {amount} each",
  "contest.start": "Start the quiz",
  "contest.attemptsUsed":
    "You have taken part {n, plural, one {once} other {# times}} (at most {max}). See “My entries”.",
  "contest.resume": "Continue the quiz",
  "contest.loginToStart": "Sign in to take part",
  "contest.notOpenYet": "The contest has not opened yet. Please come back when it starts.",
  "contest.closedNotice": "The contest has finished.",
  "contest.share": "Share link",
  "contest.shareHint": "Send this link to your neighbourhood's Zalo group:",
  "contest.status.published": "Coming up",
  "contest.status.open": "Open",
  "contest.status.closed": "Closed",
  "contest.status.review": "Under review",
  "contest.status.locked": "Results locked",
  "contest.status.announced": "Results announced",
  "contest.status.draft": "Draft",
  "contest.notFound": "This contest does not exist.",
  "contest.staffNotRanked": "You are contest staff: you may take the quiz but are not ranked for prizes.",
  "login.title": "Sign in",
  "login.phone": "Phone number",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.failed": "Wrong phone number or password.",
  "login.needsHttps":
    "This page came over unencrypted HTTP, so the browser will not keep the sign-in. Open it over HTTPS, or for a trial on a local network start the server with SECURE_COOKIES=0.",
  "login.noAccount": "No account yet?",
  "login.registerLink": "Register here",
  "login.forgot":
    "Forgot your password? Ask the organisers or your neighbourhood's community digital team for a new one.",
  "register.title": "Register to take part",
  "register.fullName": "Full name",
  "register.birthYear": "Year of birth",
  "register.phone": "Phone number",
  "register.phoneHint": "10 digits starting with 0. You sign in with it.",
  "register.password": "Password",
  "register.passwordHint": "At least 8 characters.",
  "register.unit": "Unit",
  "register.unitHint": "Your residential group, school or agency.",
  "register.unitChoose": "— Choose a unit —",
  "register.unitOther": "Other (please name it)",
  "register.unitOtherLabel": "Name of your unit",
  "register.address": "Address (optional)",
  "register.consent":
    "I agree that the organisers process my personal data to run the contest (Decree 13/2023/NĐ-CP).",
  "register.submit": "Register",
  "register.haveAccount": "Already registered?",
  "register.loginLink": "Sign in",
  "register.phoneTaken": "This phone number is already registered. Please sign in.",
  "register.unitInvalid": "Please choose a unit from the list.",
  "field.required": "Please fill this in.",
  "field.fullNameInvalid": "Please enter your full name (2–100 characters).",
  "field.birthYearInvalid": "Year of birth must be 4 digits, between 1900 and this year.",
  "field.phoneInvalid": "The phone number must have 10 digits and start with 0.",
  "field.passwordShort": "The password must have at least 8 characters.",
  "field.unitRequired": "Please choose your unit, or choose “Other” and name it.",
  "field.unitOtherRequired": "Please name your unit.",
  "field.consentRequired": "You need to agree to take part.",
  "form.fixErrors": "Please correct the fields marked below.",
  "start.notPublished": "This contest has not been published.",
  "start.notOpenYet": "The contest has not opened yet. You cannot start.",
  "start.closed": "The contest has closed; no new attempts can start.",
  "start.noAttemptsLeft": "You have used all your attempts for this contest.",
  "start.noAttemptsLeftPeriod": "You have used all your attempts for this period. Please come back later.",
  "start.bankTooSmall": "The question bank has too few questions. Please tell the organisers.",
  "start.notQuiz": "This contest is not an online quiz.",
  "attempt.notFound": "Entry not found.",
  "attempt.closed": "This entry is submitted or its time is up. No more answers can be saved.",
  "answer.invalid": "Invalid answer.",
  "quiz.timer": "Time left",
  "quiz.progress": "{n}/{total} answered",
  "quiz.question": "Question {n}",
  "quiz.multipleHint": "Choose every correct answer",
  "quiz.saved": "Saved",
  "quiz.saving": "Saving…",
  "quiz.pending": "Not sent yet — will retry",
  "quiz.offline": "Offline. Your answers are kept on this device and sent when you are back online.",
  "quiz.prediction": "Prediction",
  "quiz.predictionTitle": "Prediction question",
  "quiz.submit": "Submit",
  "quiz.confirmTitle": "Submit your entry?",
  "quiz.confirmUnanswered": "Not answered yet: {list}.",
  "quiz.confirmAll": "You have answered every question.",
  "quiz.confirmNote": "After submitting you cannot change your answers.",
  "quiz.confirmYes": "Yes, submit",
  "quiz.confirmNo": "Go back",
  "quiz.timeUp": "Time is up. Your entry was submitted with the answers saved.",
  "quiz.predictionMissing": "the prediction",
  "quiz.submitting": "Submitting…",
  "quiz.submitRetry":
    "Not submitted yet: no connection. Your answers are kept on this device and we keep trying; please keep this page open.",
  "result.title": "Your result",
  "result.score": "Score",
  "result.correct": "Correct answers",
  "result.duration": "Time taken",
  "result.submittedAt": "Submitted at",
  "result.receipt": "Receipt code",
  "result.receiptHint": "Keep this code (take a screenshot) as proof of your entry.",
  "result.auto": "Submitted automatically when time ran out.",
  "result.prediction": "Your prediction",
  "result.review": "Answers and explanations",
  "result.reviewLater": "Answers will be published after the contest closes.",
  "result.reviewNever": "This contest does not publish answers.",
  "result.yourAnswer": "Your answer",
  "result.correctAnswer": "Correct answer",
  "result.noAnswer": "No answer",
  "result.right": "Correct",
  "result.wrong": "Wrong",
  "result.legal": "Legal basis",
  "result.backToContest": "Back to the contest",
  "entries.title": "My entries",
  "entries.none": "You have no entries yet.",
  "entries.attemptNo": "Attempt {n}",
  "entries.inProgress": "In progress",
  "entries.counts": "Counts",
  "entries.view": "View",
  "entries.continue": "Continue",
  "error.title": "Something went wrong",
  "error.notFound": "We could not find the page you asked for.",
  "error.forbidden": "You do not have access to this page.",
  "error.conflict": "That could not be done.",
  "error.generic":
    "Something went wrong for a moment. Nothing saved is lost; please try again in a few minutes.",
  "error.unavailable":
    "The server cannot save data right now. Nothing saved is lost; please try again in a few minutes.",
  "error.badRequest": "Invalid request. Please reload the page and try again.",
  "error.tooMany": "Too many requests. Please try again in a few minutes.",
  "error.offline":
    "You are offline and this page is not saved on this device. Unsent answers and scores are kept and sent when you are back online.",
  "error.busy":
    "Very many people are signing in right now. Please wait a few seconds and try again. Saved answers are not lost.",
  "error.backHome": "Back to home",
  "footer.text": "Hội Thi — online contests for wards and communes.",
  "role.resident": "Contestant",
  "role.organiser": "Organiser",
  "role.committee": "Committee",
  "role.judge": "Judge",
  "role.admin": "Administrator",
  ...organiserEn,
  ...exportsEn,
  ...contestFormsEn,
  ...contestsEn,
  ...resultsEn,
  ...statsEn,
  ...accessEn,
  ...answerSaveEn,
  ...residentEn,
  ...stageEn,
  ...stagePaperEn,
  ...stageAlertsEn,
  ...audienceVoteEn,
  ...stageTimingEn,
  ...stageKnowledgeEn,
  ...signInEn,
  ...numbersTeamsEn,
  ...papersEn,
  ...teamEntriesEn,
  ...practiceEn,
  ...seasonsEn,
  ...categoriesEn,
  ...reimportEn,
  ...wordImportEn,
  ...picturesEn,
  ...importProgressEn,
  ...ownAccountEn,
  ...receiptsEn,
  ...titlesEn,
  ...projectorEn,
  ...auditActionsEn,
  ...modelProblemsEn,
  ...questionPapersEn,
};

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
/** The texts one page carries, sent by the root loader (see pageMessages). */
export type Messages = Partial<Record<MessageKey, string>>;

/*
 * The dictionaries above live on the server. Nothing the browser runs may
 * call isMessageKey, translate or dictionary (useT reads the texts the root
 * loader sent, app/utils/page-messages.server.ts), so the browser bundle
 * carries no dictionary at all.
 */

export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}

/** The values a text's `{name}` placeholders take. */
export type Vars = Record<string, string | number>;

/**
 * What a model or a form says to the user: a message key, or a message key
 * with its values after a "?" (`contest.prizeRowInvalid?row=3`, made by
 * `message`). One string, so it travels in conform's field errors, JSON and
 * loader data like a bare key, and the page translates it in its language.
 * (The keyed part of a message with values is not spelled out in the type:
 * a union of every key with "?…" is too large for TypeScript; `message` is
 * typed by its key.)
 */
export type Message = MessageKey | `${string}?${string}`;

/** A message key with the values of its placeholders, as one string (see Message). */
export function message(key: MessageKey, vars?: Vars): Message;
export function message(key: string, vars: Vars = {}): string {
  const query = new URLSearchParams(Object.entries(vars).map(([name, value]) => [name, String(value)]));
  return query.toString() ? `${key}?${query}` : key;
}

/** A message's key and values (the values from the message, then `vars` over them). */
function parseMessage(text: string, vars: Vars = {}): { key: string; vars: Vars } {
  const at = text.indexOf("?");
  if (at < 0) return { key: text, vars };
  return {
    key: text.slice(0, at),
    vars: { ...Object.fromEntries(new URLSearchParams(text.slice(at + 1))), ...vars },
  };
}

/** The plural category of a value: numbers, and strings of whole digits; anything else is "other". */
function pluralOf(locale: Locale, value: string | number | undefined) {
  const n = typeof value === "number" ? value : /^\d+$/.test(value ?? "") ? Number(value) : NaN;
  return { n, category: Number.isFinite(n) ? new Intl.PluralRules(locale).select(n) : "other" };
}

/**
 * Fills a text's placeholders: `{name}` takes the value, `{name, number}`
 * the value written as numbers are in the locale (1.050.000, 1,050,000), and
 * `{name, plural, one {# row} other {# rows}}` (ICU MessageFormat's plural,
 * `#` standing for the value) picks the variant of the value's plural
 * category in the locale (Intl.PluralRules: English has one/other,
 * Vietnamese only other), an exact `=0` first; "other" is the fallback.
 */
export function fill(text: string, vars: Vars, locale: Locale = "vi"): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0) break;
    out += text.slice(i, open);
    const simple = /^\{(\w+)\}/.exec(text.slice(open));
    if (simple) {
      out += String(vars[simple[1]] ?? "");
      i = open + simple[0].length;
      continue;
    }
    const number = /^\{(\w+),\s*number\}/.exec(text.slice(open));
    if (number) {
      const value = vars[number[1]];
      out +=
        typeof value === "number" || /^-?\d+(\.\d+)?$/.test(value ?? "")
          ? new Intl.NumberFormat(locale).format(Number(value))
          : String(value ?? "");
      i = open + number[0].length;
      continue;
    }
    const plural = /^\{(\w+),\s*plural,/.exec(text.slice(open));
    if (!plural) {
      out += "{";
      i = open + 1;
      continue;
    }
    // The variants: selector {text}, the text with nested braces, up to the closing brace.
    const variants: Record<string, string> = {};
    let j = open + plural[0].length;
    for (;;) {
      const selector = /^\s*(=?\w+)\s*\{/.exec(text.slice(j));
      if (!selector) break;
      let depth = 1;
      let k = j + selector[0].length;
      const start = k;
      for (; k < text.length && depth; k++) depth += text[k] === "{" ? 1 : text[k] === "}" ? -1 : 0;
      variants[selector[1]] = text.slice(start, k - 1);
      j = k;
    }
    const end = text.indexOf("}", j);
    const value = vars[plural[1]];
    const { n, category } = pluralOf(locale, value);
    const chosen = variants[`=${n}`] ?? variants[category] ?? variants.other ?? "";
    out += fill(chosen.replace(/#/g, String(value ?? "")), vars, locale);
    i = end < 0 ? text.length : end + 1;
  }
  return out + text.slice(i);
}

export function translate(locale: Locale, key: Message, vars: Vars = {}) {
  const m = parseMessage(key, vars);
  // An unknown key (never expected) shows the generic error rather than crashing the page.
  const text = isMessageKey(m.key) ? dictionaries[locale][m.key] : dictionaries[locale]["error.generic"];
  return fill(text, m.vars, locale);
}

/** Whether a string from elsewhere (an error code, a stored value) is a message this app has (server). */
export function isMessage(text: string): text is Message {
  return isMessageKey(parseMessage(text).key);
}

/** Pages of staff (organiser, committee, jury): they carry every text (see pageMessages). */
export const isStaffArea = (pathname: string) => /^\/(organiser|committee|judge|staff)(\/|$)/.test(pathname);

/** One language's whole dictionary (server only). */
export const dictionary = (locale: Locale) => dictionaries[locale];

export type Translate = (key: Message, vars?: Vars) => string;

/** The root's data as the texts see it: the page titles always, the texts when a client navigation brought them. */
export type RootTexts = { locale: Locale; messages?: Messages; titles?: Messages };

/** A page's language and texts; `json`, the same as the page carries them, on the server only. */
export type PageTexts = { locale: Locale; messages: Messages; json?: string };

/**
 * The texts a page load carries (decision 019): entry.server writes them once
 * into the page as plain JSON (PAGE_TEXTS_ID), beside the root's data, which
 * has only the titles; entry.client reads them back. Also the texts of a page
 * rendered without the root loader's data (an action failed, e.g. on a full
 * disk). A client navigation that reloads the root's data brings its texts
 * with it, and those are used from then on.
 */
const PageTexts = createContext<PageTexts | null>(null);
export const PageTextsProvider = PageTexts.Provider;
export const usePageTexts = () => useContext(PageTexts);
export const PAGE_TEXTS_ID = "hoithi-texts";

/** The page's language and texts: the root's data's, when a client navigation brought them, or the page's. */
function useRootTexts(): RootTexts | null {
  const data = useRouteLoaderData<RootTexts>("root");
  const page = usePageTexts();
  return data?.messages ? data : page;
}

/** The current locale, read from the root loader. */
export function useLocale(): Locale {
  return useRootTexts()?.locale ?? "vi";
}

/** Texts of the current page, from the root loader. */
export function useT(): Translate {
  const texts = useRootTexts();
  const messages: Record<string, string | undefined> = texts?.messages ?? {};
  const locale = texts?.locale ?? "vi";
  return (key, vars = {}) => {
    const m = parseMessage(key, vars);
    return fill(messages[m.key] ?? messages["error.generic"] ?? m.key, m.vars, locale);
  };
}

/** Whether the page carries a text for this key (e.g. an error code from the server). */
export function useHasMessage(): (key: string) => key is MessageKey {
  const messages = useRootTexts()?.messages ?? {};
  return (key): key is MessageKey => key in messages;
}

/** Whether the page carries a text for this message, a key with or without values (see Message). */
export function useIsMessage(): (text: string) => text is Message {
  const messages = useRootTexts()?.messages ?? {};
  return (text): text is Message => parseMessage(text).key in messages;
}

type MetaMatch = { id: string; data?: unknown };

/**
 * A page's <title> for its `meta`: the text of `key` in the page's language
 * (from the titles in the root's data, so no dictionary reaches the browser), with
 * " — Hội Thi" after it unless `app` is false (titles that name their own
 * area, e.g. "Xét kết quả — Hội đồng"). Write the key literally, e.g.
 * metaTitle(matches, "title.login"), so residents' pages carry it.
 */
export function metaTitle(
  matches: readonly MetaMatch[],
  // Only titles: the root sends a page the `title.*` texts alone (pageTitles).
  key: Extract<MessageKey, `title.${string}`>,
  vars: Vars = {},
  { app = true }: { app?: boolean } = {},
) {
  const root = matches.find((m) => m.id === "root")?.data as RootTexts | undefined;
  const text = root?.titles?.[key];
  if (text === undefined) return [{ title: "Hội Thi" }];
  const title = fill(text, vars, root?.locale);
  return [{ title: app && title !== "Hội Thi" ? `${title} — Hội Thi` : title }];
}
