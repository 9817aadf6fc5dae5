import { isIP } from "node:net";

/** What Express's `trust proxy` setting accepts from configuration (a function cannot come from it). */
export type TrustProxy = boolean | number | string[];

/** The names proxy-addr (behind Express) knows for whole address ranges. */
const RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

const FORMS =
  "use true, false, a number of proxies in front of the app (e.g. 1), or a comma-separated list of " +
  "addresses, subnets and names (e.g. loopback, 10.0.0.0/8)";

export class TrustProxyError extends Error {}

/**
 * Reads TRUST_PROXY in every form Express documents for `trust proxy`:
 * `true`/`false`, a number of hops (`1`: the proxy in front of the app is
 * trusted, and the address it adds to X-Forwarded-For is the client), or a
 * comma-separated list of addresses, CIDR subnets and the names loopback,
 * linklocal and uniquelocal. Unset or empty means false. Express itself takes
 * the string "true" for an address (and fails) and "1" for the address 0.0.0.1,
 * hence this parser. Anything else throws a TrustProxyError with a one-line
 * message that says what is accepted.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? "").trim();
  if (text === "") return false;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (!Number.isSafeInteger(hops)) throw new TrustProxyError(`TRUST_PROXY=${text} is too large; ${FORMS}`);
    return hops;
  }
  const entries = text.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    const problem = entryProblem(entry);
    if (problem) throw new TrustProxyError(`TRUST_PROXY=${JSON.stringify(text)}: ${problem}; ${FORMS}`);
  }
  return entries.map((entry) => (RANGE_NAMES.includes(entry.toLowerCase()) ? entry.toLowerCase() : entry));
}

/** Why one list entry is not an address, a subnet or a range name; null when it is one. */
function entryProblem(entry: string) {
  if (entry === "") return "an empty entry in the list";
  if (RANGE_NAMES.includes(entry.toLowerCase())) return null;
  const slash = entry.indexOf("/");
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return `"${entry}" is not an IP address, a subnet or one of ${RANGE_NAMES.join(", ")}`;
  if (slash === -1) return null;
  const range = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  if (/^\d+$/.test(range) && Number(range) >= 1 && Number(range) <= max) return null;
  // proxy-addr also takes an IPv4 netmask (10.0.0.0/255.0.0.0), if its ones are contiguous.
  if (version === 4 && isIP(range) === 4 && isContiguousMask(range)) return null;
  return `"${entry}" has an invalid prefix length (1 to ${max}${version === 4 ? ", or a netmask" : ""})`;
}

function isContiguousMask(mask: string) {
  const bits = mask
    .split(".")
    .map((octet) => Number(octet).toString(2).padStart(8, "0"))
    .join("");
  return /^1+0*$/.test(bits);
}
