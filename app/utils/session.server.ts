import { createCookie } from "@remix-run/node";
import { and, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { sessions, units, users } from "#db/schema";
import { appSecret, secureCookies } from "./env.server";

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sessions are extended when less than this is left, so none ends mid-attempt. */
const RENEW_BELOW_MS = 15 * 24 * 60 * 60 * 1000;

export const sessionCookie = createCookie(secureCookies ? "__Host-hoithi" : "hoithi_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  path: "/",
  maxAge: SESSION_TTL_MS / 1000,
  secrets: [appSecret()],
});

/**
 * True when Secure cookies are on but the page came over plain HTTP from
 * another machine: the browser would drop the session cookie, so sign-in
 * pages say why instead of failing silently.
 */
export function cookieWouldBeDropped(request: Request) {
  const url = new URL(request.url);
  return (
    secureCookies && url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)
  );
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a fresh session (a new id at every login) and returns its Set-Cookie header. */
export async function createSession(
  db: Db,
  userId: number,
  now: number,
  assistedByUserId: number | null = null,
  device: { userAgent?: string | null; ip?: string | null } = {},
) {
  const token = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    assistedByUserId,
    userAgent: device.userAgent?.slice(0, 300) ?? null,
    ip: device.ip ?? null,
  });
  return sessionCookie.serialize(token);
}

async function readToken(cookieHeader: string | null): Promise<string | null> {
  const value = await sessionCookie.parse(cookieHeader);
  return typeof value === "string" ? value : null;
}

export async function destroySession(db: Db, request: Request) {
  const token = await readToken(request.headers.get("Cookie"));
  if (token) await db.delete(sessions).where(eq(sessions.idHash, hashToken(token)));
  return sessionCookie.serialize("", { maxAge: 0 });
}

export type SessionUser = Awaited<ReturnType<typeof findSessionUser>>;

/** The signed-in user of a live session (not expired, user not disabled), by the session's hash. */
const liveSessionUser = prepared((db) =>
  db
    .select({
      id: users.id,
      phone: users.phone,
      fullName: users.fullName,
      role: users.role,
      unitId: users.unitId,
      unitName: units.name,
      expiresAt: sessions.expiresAt,
      assistedByUserId: sessions.assistedByUserId,
      passwordResetAt: users.passwordResetAt,
      passwordResetByUserId: users.passwordResetByUserId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        eq(sessions.idHash, sql.placeholder("idHash")),
        gt(sessions.expiresAt, sql.placeholder("now")),
        isNull(users.disabledAt),
      ),
    )
    .prepare(),
);

/** The user of a Cookie header's session, or null; renews a session that is running out. */
export async function findSessionUser(db: Db, cookieHeader: string | null, now: number) {
  const idHash = await sessionIdHash(cookieHeader);
  if (!idHash) return null;
  const [row] = await liveSessionUser(db).all({ idHash, now });
  if (!row) return null;
  await renewIfRunningOut(db, idHash, row.expiresAt, now);
  const { expiresAt: _expiresAt, ...user } = row;
  return user;
}

/**
 * Cookie headers whose signature was checked, with their session's hash. A
 * phone sends the same header with each of its saves, and checking the
 * signature and hashing the token cost about 10 µs of CPU each time
 * (docs/benchmarks.md, "Issue 21 (3): a lighter load driver"). Only headers that passed
 * are kept, so forged ones cannot push real ones out; whether the session is
 * live (signed out, expired, user disabled) is still asked of the database on
 * every save. The oldest entry leaves when the map is full.
 */
const checkedCookies = new Map<string, string>();
const CHECKED_COOKIES_MAX = 20_000;

/** The hash by which a Cookie header's session is stored, or null when it carries none (or a forged one). */
export async function sessionIdHash(cookieHeader: string | null) {
  const known = cookieHeader === null ? undefined : checkedCookies.get(cookieHeader);
  if (known !== undefined) return known;
  const token = await readToken(cookieHeader);
  if (token === null) return null;
  const idHash = hashToken(token);
  if (checkedCookies.size >= CHECKED_COOKIES_MAX) checkedCookies.delete(checkedCookies.keys().next().value!);
  checkedCookies.set(cookieHeader!, idHash);
  return idHash;
}

/**
 * SQL giving the user id of a live session (not expired, user not disabled),
 * or NULL; the session's hash and the time may be values or SQL (a column). The
 * answer API runs it inside the save itself: one statement per group of saves. It does not renew the session; every page load does
 * (`findSessionUser`), and a renewed session has weeks left.
 */
export function liveSessionUserId(idHash: string | SQL, now: number | SQL) {
  return sql`(SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ${idHash} AND s.expires_at > ${now} AND u.disabled_at IS NULL)`;
}

/** The user id of a live session, or null. */
export async function sessionUserId(db: Db, idHash: string, now: number) {
  const [row] = await db.all<{ id: number | null }>(sql`SELECT ${liveSessionUserId(idHash, now)} AS id`);
  return row?.id ?? null;
}

async function renewIfRunningOut(db: Db, idHash: string, expiresAt: number, now: number) {
  if (expiresAt - now < RENEW_BELOW_MS)
    await db
      .update(sessions)
      .set({ expiresAt: now + SESSION_TTL_MS })
      .where(eq(sessions.idHash, idHash));
}

const cache = new WeakMap<Request, Promise<Awaited<ReturnType<typeof findSessionUser>>>>();

/** The signed-in user of this request, looked up once per request. */
export function getSessionUser(db: Db, request: Request) {
  let found = cache.get(request);
  if (!found) {
    found = findSessionUser(db, request.headers.get("Cookie"), Date.now());
    cache.set(request, found);
  }
  return found;
}

/** The hash a session is stored by, so a page can mark the device it is shown on. */
export { hashToken as sessionTokenHash };
