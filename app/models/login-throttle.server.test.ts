import { describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/setup/test-db";
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  clearFailures,
  ipKey,
  lockedFor,
  phoneKey,
  recordFailure,
} from "./login-throttle.server";

describe("sign-in throttling", () => {
  it("locks an account after ten wrong passwords from different addresses, and tells how long to wait", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const key = phoneKey("0912345678");
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await recordFailure(db, key, ACCOUNT_LIMIT, now + i);
    expect(await lockedFor(db, [key, ipKey("10.0.0.1")], now + 10)).toBeNull();
    await recordFailure(db, key, ACCOUNT_LIMIT, now + 20);
    expect(await lockedFor(db, [key, ipKey("10.0.0.2")], now + 30)).toBe(900);
    expect(await lockedFor(db, [key], now + 20 + 15 * 60 * 1000 + 1)).toBeNull();
  });

  it("forgets old failures after the window, and a correct sign-in clears the count", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const key = phoneKey("0912000000");
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await recordFailure(db, key, ACCOUNT_LIMIT, now);
    await recordFailure(db, key, ACCOUNT_LIMIT, now + 16 * 60 * 1000);
    expect(await lockedFor(db, [key], now + 16 * 60 * 1000)).toBeNull();
    for (let i = 0; i < ACCOUNT_LIMIT - 2; i++)
      await recordFailure(db, key, ACCOUNT_LIMIT, now + 16 * 60 * 1000);
    await clearFailures(db, key);
    await recordFailure(db, key, ACCOUNT_LIMIT, now + 16 * 60 * 1000);
    expect(await lockedFor(db, [key], now + 16 * 60 * 1000)).toBeNull();
  });

  it("does not block a shared address where many residents sign in, only one that keeps guessing", async () => {
    const { db } = await createTestDb();
    const now = Date.now();
    const lab = ipKey("203.0.113.7");
    // 200 residents in one school lab: a few typos among them.
    for (let i = 0; i < 20; i++) await recordFailure(db, lab, ADDRESS_LIMIT, now);
    expect(await lockedFor(db, [lab], now)).toBeNull();
    for (let i = 20; i < ADDRESS_LIMIT; i++) await recordFailure(db, lab, ADDRESS_LIMIT, now);
    expect(await lockedFor(db, [lab], now)).not.toBeNull();
  });
});
