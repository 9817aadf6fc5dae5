/**
 * Vietnamese mobile numbers: 10 digits starting with 0. Accepts spaces,
 * dots, dashes and the +84 / 84 country prefix, and returns the canonical
 * form, or null when it is not a valid number.
 */
export function normalisePhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+84")) digits = "0" + digits.slice(3);
  else if (digits.startsWith("84") && digits.length === 11) digits = "0" + digits.slice(2);
  return /^0\d{9}$/.test(digits) ? digits : null;
}
