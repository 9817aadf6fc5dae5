import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

let secret: string | undefined;

/**
 * The secret behind receipt codes and signed cookies: APP_SECRET, or one
 * generated on first start and kept in data/app-secret so restarts keep it.
 */
export function appSecret() {
  if (secret) return secret;
  if (process.env.APP_SECRET) return (secret = process.env.APP_SECRET);
  const file = path.resolve(process.env.DATA_DIR ?? "data", "app-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return (secret = readFileSync(file, "utf8").trim());
}

/**
 * Secure `__Host-` cookies (and HSTS) are on in production unless
 * SECURE_COOKIES=0, for a trial over plain HTTP on a local network.
 * Browsers accept Secure cookies from http://localhost.
 */
export function secureCookiesFrom(env: NodeJS.ProcessEnv) {
  return env.SECURE_COOKIES ? env.SECURE_COOKIES === "1" : env.NODE_ENV === "production";
}

export const secureCookies = secureCookiesFrom(process.env);
