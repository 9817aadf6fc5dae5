/** Interface text of a person's own account: profile, password, forgotten passwords, assisted entry. */
export const ownAccountVi = {
  "profile.title": "Tài khoản của tôi",
  "profile.intro": "Số điện thoại {phone} là tên đăng nhập của bạn và không đổi được.",
  "profile.details": "Họ tên và đơn vị",
  "profile.fullName": "Họ và tên",
  "profile.unit": "Đơn vị",
  "profile.unitNone": "Chưa có đơn vị",
  "profile.save": "Lưu họ tên và đơn vị",
  "profile.saved": "Đã lưu họ tên và đơn vị.",
  "profile.frozenSince":
    "Bạn đã dự thi (lần đầu lúc {at}), nên họ tên và đơn vị được giữ như khi dự thi: kết quả và thống kê của đơn vị đã tính theo thông tin này. Nếu thông tin bị sai, hãy liên hệ ban tổ chức để được sửa.",
  "profile.frozen":
    "Bạn đã dự thi nên không thể tự đổi họ tên và đơn vị nữa. Nếu thông tin bị sai, hãy liên hệ ban tổ chức.",
  "profile.password": "Đổi mật khẩu",
  "profile.passwordIntro": "Sau khi đổi, các thiết bị khác đang đăng nhập tài khoản này sẽ bị đăng xuất.",
  "profile.currentPassword": "Mật khẩu hiện tại",
  "profile.newPassword": "Mật khẩu mới",
  "profile.confirmPassword": "Nhập lại mật khẩu mới",
  "profile.passwordMismatch": "Hai lần nhập mật khẩu mới không giống nhau.",
  "profile.currentRequired": "Vui lòng nhập mật khẩu hiện tại.",
  "profile.changePassword": "Đổi mật khẩu",
  "profile.passwordChanged":
    "Đã đổi mật khẩu. Các thiết bị khác đã được đăng xuất; thiết bị này vẫn đăng nhập.",
  "profile.currentWrong": "Mật khẩu hiện tại không đúng.",
  "profile.tooManyTries":
    "Bạn đã nhập sai mật khẩu nhiều lần nên tạm thời chưa đổi được. Vui lòng thử lại sau ít phút.",
  "profile.sessionsLink": "Các thiết bị đang đăng nhập",
  "forgot.link": "Quên mật khẩu?",
  "forgot.title": "Quên mật khẩu",
  "forgot.intro":
    "Hội Thi không gửi tin nhắn SMS. Để đặt lại mật khẩu, bạn đến phường để cán bộ kiểm tra giấy tờ và cấp cho bạn một mã dùng một lần.",
  "forgot.whereTitle": "Đến đâu",
  "forgot.where":
    "Bộ phận một cửa (Bộ phận tiếp nhận và trả kết quả) của {ward}, trong giờ hành chính. Bạn cũng có thể nhờ tổ công nghệ số cộng đồng ở tổ dân phố của mình.",
  "forgot.wardFallback": "Ủy ban nhân dân phường, xã nơi bạn đăng ký",
  "forgot.bringTitle": "Mang theo",
  "forgot.bringId": "Căn cước công dân (CCCD) hoặc giấy tờ tùy thân có ảnh của chính người có tài khoản.",
  "forgot.bringPhone": "Số điện thoại đã dùng để đăng ký (nên mang theo điện thoại đó).",
  "forgot.stepsTitle": "Các bước",
  "forgot.step1": "Cán bộ kiểm tra giấy tờ rồi cấp cho bạn một mã gồm 8 chữ số.",
  "forgot.step2": "Mã chỉ dùng được một lần, trong 30 phút. Không đưa mã cho người khác.",
  "forgot.step3":
    "Mở trang “Đặt lại mật khẩu”, nhập số điện thoại, mã và mật khẩu mới, rồi đăng nhập bằng mật khẩu mới.",
  "forgot.staff":
    "Tài khoản cán bộ (ban tổ chức, hội đồng, giám khảo): liên hệ quản trị viên của hệ thống để được cấp mã.",
  "forgot.haveCode": "Tôi đã có mã: đặt lại mật khẩu",
  "reset.title": "Đặt lại mật khẩu",
  "reset.intro": "Nhập số điện thoại đã đăng ký, mã 8 chữ số do cán bộ phường cấp và mật khẩu mới.",
  "reset.phone": "Số điện thoại",
  "reset.code": "Mã đặt lại mật khẩu",
  "reset.codeHint": "8 chữ số, ví dụ 1234 5678.",
  "reset.codeFormat": "Mã gồm 8 chữ số.",
  "reset.submit": "Đặt mật khẩu mới",
  "reset.done": "Đã đặt mật khẩu mới. Mời bạn đăng nhập bằng mật khẩu mới.",
  "reset.noCode": "Chưa có mã? Xem cách xin mã",
  "resetCode.invalid":
    "Không đặt lại được mật khẩu: mã không đúng, đã hết hạn, đã được dùng hoặc đã nhập sai quá 5 lần. Hãy kiểm tra số điện thoại và mã; nếu vẫn không được, hãy quay lại bộ phận một cửa để xin mã mới.",
  "resetCode.tooMany":
    "Đã nhập sai quá nhiều lần từ thiết bị này. Vui lòng thử lại sau 15 phút hoặc nhờ cán bộ phường hỗ trợ.",
  "resetCode.section": "Người dân quên mật khẩu",
  "resetCode.howTo":
    "Tìm người dân theo số điện thoại, kiểm tra căn cước công dân (CCCD) của họ, đánh dấu “Đã kiểm tra giấy tờ tùy thân” rồi bấm “Cấp mã quên mật khẩu”. Mã hiện một lần, dùng được một lần trong 30 phút.",
  "resetCode.issue": "Cấp mã quên mật khẩu",
  "resetCode.issued":
    "Mã đặt lại mật khẩu của {name} ({phone}): {code}. Dùng được một lần, đến {until}. Mã chỉ hiện lần này: hãy đọc hoặc viết cho người dân. Họ nhập mã ở trang “Đặt lại mật khẩu” ({url}).",
  "resetCode.notSelf": "Không thể tự cấp mã cho tài khoản của chính mình.",
  "assist.identityChecked": "Đã kiểm tra giấy tờ tùy thân",
  "assist.identityRequired":
    "Hãy kiểm tra căn cước công dân (CCCD) hoặc giấy tờ tùy thân của người dân và đánh dấu ô “Đã kiểm tra giấy tờ tùy thân” trước.",
  "assist.newTitle": "Người chưa có tài khoản: đăng ký",
  "assist.existingTitle": "Người đã có tài khoản",
  "assist.existingIntro":
    "Người dân đã đăng ký nhưng không tự đăng nhập được: kiểm tra căn cước công dân (CCCD), nhập số điện thoại của họ và mở phiên hỗ trợ trên máy này. Phiên của bạn trên máy này sẽ kết thúc; bài dự thi được ghi là “hỗ trợ”.",
  "assist.existingPhone": "Số điện thoại của người dân",
  "assist.openSession": "Mở phiên hỗ trợ",
  "assist.notResident":
    "Không có người dự thi nào đăng ký bằng số điện thoại này. Nếu họ chưa có tài khoản, hãy đăng ký cho họ ở phần trên.",
  "assist.disabled": "Tài khoản này đang bị khóa. Hãy mở khóa ở mục Tài khoản trước.",
  "handover.title": "Mời bạn dự thi",
  "handover.registered": "Đã đăng ký tài khoản cho {name}.",
  "handover.opened": "Đã mở phiên hỗ trợ cho {name}.",
  "handover.phone": "Số điện thoại đăng nhập: {phone}",
  "handover.helper": "Người hỗ trợ: {name}. Bài dự thi trên máy này được ghi là “hỗ trợ”.",
  "handover.contests": "Cuộc thi đang mở",
  "handover.enter": "Dự thi: {title}",
  "handover.closes": "Kết thúc lúc {at}",
  "handover.none": "Hiện chưa có cuộc thi nào đang mở.",
  "handover.remember":
    "Hãy ghi nhớ số điện thoại và mật khẩu để lần sau tự đăng nhập trên điện thoại của mình.",
  "handover.done": "Làm bài xong, bấm “Đăng xuất” để trả máy cho cán bộ.",
};

export type OwnAccountKey = keyof typeof ownAccountVi;

export const ownAccountEn: Record<OwnAccountKey, string> = {
  "profile.title": "My account",
  "profile.intro": "The phone number {phone} is your sign-in name and cannot be changed.",
  "profile.details": "Name and unit",
  "profile.fullName": "Full name",
  "profile.unit": "Unit",
  "profile.unitNone": "No unit yet",
  "profile.save": "Save name and unit",
  "profile.saved": "Your name and unit are saved.",
  "profile.frozenSince":
    "You have entered a contest (first at {at}), so your name and unit stay as they were then: results and the unit's statistics count your entries under them. If they are wrong, ask the organisers to correct them.",
  "profile.frozen":
    "You have entered a contest, so you can no longer change your name and unit yourself. If they are wrong, ask the organisers.",
  "profile.password": "Change password",
  "profile.passwordIntro": "After the change, every other device signed in to this account is signed out.",
  "profile.currentPassword": "Current password",
  "profile.newPassword": "New password",
  "profile.confirmPassword": "New password again",
  "profile.passwordMismatch": "The two new passwords are not the same.",
  "profile.currentRequired": "Please enter your current password.",
  "profile.changePassword": "Change password",
  "profile.passwordChanged":
    "Your password is changed. Other devices have been signed out; this one stays signed in.",
  "profile.currentWrong": "The current password is not right.",
  "profile.tooManyTries": "Too many wrong passwords: please try again in a few minutes.",
  "profile.sessionsLink": "Devices signed in",
  "forgot.link": "Forgot your password?",
  "forgot.title": "Forgotten password",
  "forgot.intro":
    "Hội Thi sends no text messages. To set a new password, go to the ward, where staff check your papers and give you a one-time code.",
  "forgot.whereTitle": "Where to go",
  "forgot.where":
    "The one-stop office (bộ phận một cửa) of {ward}, during office hours. The community digital technology team of your residential group can help too.",
  "forgot.wardFallback": "the People's Committee of the ward or commune where you registered",
  "forgot.bringTitle": "What to bring",
  "forgot.bringId":
    "Your citizen ID card (CCCD) or another identity paper with a photo of the account's holder.",
  "forgot.bringPhone": "The phone number you registered with (best bring that phone).",
  "forgot.stepsTitle": "Steps",
  "forgot.step1": "Staff check your papers and give you an 8-digit code.",
  "forgot.step2": "The code works once, for 30 minutes. Do not give it to anyone else.",
  "forgot.step3":
    "Open the page “Reset password”, enter your phone number, the code and a new password, then sign in with the new password.",
  "forgot.staff":
    "Staff accounts (organisers, committee, judges): ask the system's administrator for a code.",
  "forgot.haveCode": "I have a code: reset my password",
  "reset.title": "Reset password",
  "reset.intro":
    "Enter the phone number you registered with, the 8-digit code from the ward's staff, and a new password.",
  "reset.phone": "Phone number",
  "reset.code": "Reset code",
  "reset.codeHint": "8 digits, e.g. 1234 5678.",
  "reset.codeFormat": "The code has 8 digits.",
  "reset.submit": "Set new password",
  "reset.done": "Your new password is set. Please sign in with it.",
  "reset.noCode": "No code yet? See how to get one",
  "resetCode.invalid":
    "The password was not reset: the code is wrong, expired, already used, or was entered wrongly 5 times. Check the phone number and the code; if it still fails, go back to the one-stop office for a new code.",
  "resetCode.tooMany":
    "Too many wrong codes from this device. Please try again in 15 minutes or ask the ward's staff for help.",
  "resetCode.section": "Residents who forgot their password",
  "resetCode.howTo":
    "Find the resident by phone number, check their citizen ID card (CCCD), tick “Identity papers checked”, then press “Issue a one-time code”. The code is shown once and works once, for 30 minutes.",
  "resetCode.issue": "Issue a one-time code",
  "resetCode.issued":
    "Reset code for {name} ({phone}): {code}. It works once, until {until}. It is shown only now: read it out or write it down for the resident, who enters it on the page “Reset password” ({url}).",
  "resetCode.notSelf": "You cannot issue a code for your own account.",
  "assist.identityChecked": "Identity papers checked",
  "assist.identityRequired":
    "Check the resident's citizen ID card (CCCD) or identity papers and tick “Identity papers checked” first.",
  "assist.newTitle": "No account yet: register",
  "assist.existingTitle": "Already has an account",
  "assist.existingIntro":
    "The resident is registered but cannot sign in on their own: check their citizen ID card (CCCD), enter their phone number and open an assisted session on this device. Your session on this device ends; their entries are marked “assisted”.",
  "assist.existingPhone": "Resident's phone number",
  "assist.openSession": "Open assisted session",
  "assist.notResident":
    "No contestant is registered with this phone number. If they have no account yet, register them above.",
  "assist.disabled": "This account is disabled. Enable it under Accounts first.",
  "handover.title": "Ready to take part",
  "handover.registered": "An account has been registered for {name}.",
  "handover.opened": "An assisted session is open for {name}.",
  "handover.phone": "Phone number to sign in: {phone}",
  "handover.helper": "Helped by: {name}. Entries on this device are marked “assisted”.",
  "handover.contests": "Contests open now",
  "handover.enter": "Take part: {title}",
  "handover.closes": "Closes at {at}",
  "handover.none": "No contest is open right now.",
  "handover.remember": "Remember the phone number and password to sign in on your own phone next time.",
  "handover.done": "When you have finished, press “Sign out” and give the device back to the staff member.",
};
