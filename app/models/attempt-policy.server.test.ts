import { describe, expect, it } from "vitest";
import { vnDay, vnWeek } from "~/utils/vietnam-time";
import { assertCanStart, attemptDeadline, countedAttempt } from "./attempt-policy.server";

const MIN = 60_000;
const window = {
  state: "published" as const,
  opensAt: Date.UTC(2026, 10, 23, 1, 0), // 08:00 in Hà Nội
  closesAt: Date.UTC(2026, 10, 30, 1, 0),
  maxAttempts: 1,
  attemptPeriod: "contest" as const,
};

describe("attempt deadline", () => {
  it("is the start plus the time limit when the contest stays open longer", () => {
    const start = window.opensAt + 10 * MIN;
    expect(attemptDeadline(start, 20 * 60, window.closesAt)).toBe(start + 20 * MIN);
  });
  it("is cut to the closing time when the limit would run past it", () => {
    const start = window.closesAt - 5 * MIN;
    expect(attemptDeadline(start, 20 * 60, window.closesAt)).toBe(window.closesAt);
  });
});

describe("starting an attempt", () => {
  it("is refused before the window opens and after it closes", () => {
    expect(() => assertCanStart(window, [], window.opensAt - 1)).toThrow("start.notOpenYet");
    expect(() => assertCanStart(window, [], window.closesAt)).toThrow("start.closed");
    expect(() => assertCanStart(window, [], window.opensAt)).not.toThrow();
  });
  it("is refused for a draft or a contest the committee has taken over", () => {
    expect(() => assertCanStart({ ...window, state: "draft" }, [], window.opensAt + MIN)).toThrow(
      "start.notPublished",
    );
    expect(() => assertCanStart({ ...window, state: "locked" }, [], window.opensAt + MIN)).toThrow(
      "start.closed",
    );
  });
  it("is refused beyond the attempts allowed for the contest", () => {
    const c = { ...window, maxAttempts: 2 };
    expect(() => assertCanStart(c, [window.opensAt], window.opensAt + MIN)).not.toThrow();
    expect(() => assertCanStart(c, [window.opensAt, window.opensAt + MIN], window.opensAt + 2 * MIN)).toThrow(
      "start.noAttemptsLeft",
    );
  });
  it("counts attempts per Hà Nội calendar day when the allowance is per day", () => {
    const c = { ...window, attemptPeriod: "day" as const };
    // 23:30 on the 23rd and 00:30 on the 24th in Hà Nội are different days.
    const lateEvening = Date.UTC(2026, 10, 23, 16, 30);
    const afterMidnight = Date.UTC(2026, 10, 23, 17, 30);
    expect(vnDay(lateEvening)).not.toBe(vnDay(afterMidnight));
    expect(() => assertCanStart(c, [lateEvening], afterMidnight)).not.toThrow();
    expect(() => assertCanStart(c, [lateEvening], lateEvening + MIN)).toThrow("start.noAttemptsLeftPeriod");
  });
  it("counts attempts per Monday-to-Sunday week when the allowance is per week", () => {
    const c = { ...window, attemptPeriod: "week" as const };
    const sunday = Date.UTC(2026, 10, 29, 3, 0); // Sunday 29/11/2026, 10:00 in Hà Nội
    const monday = Date.UTC(2026, 10, 30, 3, 0);
    expect(vnWeek(sunday)).toBe(vnWeek(Date.UTC(2026, 10, 23, 3, 0)));
    expect(() => assertCanStart({ ...c, closesAt: monday + 1e9 }, [sunday], monday)).not.toThrow();
    expect(() => assertCanStart(c, [Date.UTC(2026, 10, 23, 3, 0)], sunday)).toThrow(
      "start.noAttemptsLeftPeriod",
    );
  });
});

describe("the attempt that counts", () => {
  const attempts = [
    { id: "a", score: 15, durationMs: 500_000, submittedAt: 1000 },
    { id: "b", score: 18, durationMs: 700_000, submittedAt: 2000 },
    { id: "c", score: 18, durationMs: 400_000, submittedAt: 3000 },
    { id: "d", score: null, durationMs: null, submittedAt: null },
  ];
  it("is the best score, then the shortest duration, for 'best'", () => {
    expect(countedAttempt(attempts, "best")?.id).toBe("c");
  });
  it("is the earliest or latest submitted one for 'first' and 'last', ignoring unsubmitted ones", () => {
    expect(countedAttempt(attempts, "first")?.id).toBe("a");
    expect(countedAttempt(attempts, "last")?.id).toBe("c");
  });
  it("is nothing when no attempt was submitted", () => {
    expect(countedAttempt([attempts[3]], "best")).toBeUndefined();
  });
});
