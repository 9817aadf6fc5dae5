/** Interface text of sign-in waits (docs/decisions/004-sign-in-throttle.md) and lifting them. */
export const signInVi = {
  "signIn.locked":
    "Bạn đã nhập sai mật khẩu nhiều lần nên tạm thời chưa đăng nhập được. Vui lòng thử lại sau {wait}.",
  "signIn.askToUnlock":
    "Nếu bạn cần vào ngay, hãy nhờ ban tổ chức (hoặc quản trị viên, với tài khoản cán bộ) mở khóa.",
  "signIn.wait.oneSecond": "1 giây",
  "signIn.wait.seconds": "{n} giây",
  "signIn.wait.oneMinute": "1 phút",
  "signIn.wait.minutes": "{n} phút",
  "signIn.lockBadge": "Đăng nhập đang tạm khóa đến {time}",
  "signIn.lockAddresses": "từ {n} địa chỉ",
  "signIn.lockAccountWide": "bị dò mật khẩu từ nhiều địa chỉ",
  "signIn.unlock": "Mở khóa đăng nhập",
  "signIn.unlocked": "Đã mở khóa đăng nhập cho tài khoản này.",
};

export type SignInKey = keyof typeof signInVi;

export const signInEn: Record<SignInKey, string> = {
  "signIn.locked": "Too many wrong passwords: signing in is paused for now. Please try again in {wait}.",
  "signIn.askToUnlock":
    "If you need to get in now, ask the organisers (or an administrator, for staff accounts) to unlock it.",
  "signIn.wait.oneSecond": "1 second",
  "signIn.wait.seconds": "{n, plural, one {# second} other {# seconds}}",
  "signIn.wait.oneMinute": "1 minute",
  "signIn.wait.minutes": "{n, plural, one {# minute} other {# minutes}}",
  "signIn.lockBadge": "Sign-in paused until {time}",
  "signIn.lockAddresses": "from {n, plural, one {# address} other {# addresses}}",
  "signIn.lockAccountWide": "guessed at from many addresses",
  "signIn.unlock": "Unlock sign-in",
  "signIn.unlocked": "Sign-in is unlocked for this account.",
};
