import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { sessions } from "#db/schema";
import { createUser } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import {
  createSession,
  destroySession,
  getSessionUser,
  sessionIdHash,
  sessionUserId,
} from "./session.server";

let db: Db;
const DAY = 86_400_000;

beforeEach(async () => {
  ({ db } = await createTestDb());
});

const requestWith = (setCookie: string) =>
  new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });

describe("sessions", () => {
  it("are renewed while in use, so one never ends in the middle of an attempt", async () => {
    const user = await createUser(db);
    const cookie = await createSession(db, user.id, Date.now());
    // Two days left: the next request pushes the end 30 days out again.
    await db.update(sessions).set({ expiresAt: Date.now() + 2 * DAY });
    expect((await getSessionUser(db, requestWith(cookie)))?.id).toBe(user.id);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it("end when they expire, and a cookie never names a session by its stored id", async () => {
    const user = await createUser(db);
    const cookie = await createSession(db, user.id, Date.now());
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    // Only a hash of the token is stored.
    expect(cookie).not.toContain(row.idHash);
    await db.update(sessions).set({ expiresAt: Date.now() - 1 });
    expect(await getSessionUser(db, requestWith(cookie))).toBeNull();
  });

  it("still end on sign-out when the answer API has checked their cookie before, and a forged cookie stays refused", async () => {
    const user = await createUser(db);
    const cookie = (await createSession(db, user.id, Date.now())).split(";")[0];
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    // The second save of a phone finds its cookie already checked.
    expect(await sessionIdHash(cookie)).toBe(row.idHash);
    expect(await sessionIdHash(cookie)).toBe(row.idHash);
    expect(await sessionUserId(db, row.idHash, Date.now())).toBe(user.id);
    const [name, value] = cookie.split("=");
    const forged = `${name}=${value.slice(0, -3)}${value.endsWith("A") ? "B" : "A"}${value.slice(-2)}`;
    expect(await sessionIdHash(forged)).toBeNull();
    await destroySession(db, requestWith(cookie));
    expect(await sessionIdHash(cookie)).toBe(row.idHash);
    expect(await sessionUserId(db, row.idHash, Date.now())).toBeNull();
  });
});
