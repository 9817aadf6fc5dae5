/**
 * The permission matrix, held against every model function that changes
 * data, for every role: a role the matrix refuses gets 403 `error.forbidden`
 * from the model itself (whatever route or command calls it), and a role it
 * allows is never refused for its role. A new exported model function fails
 * the last test until it is listed here, as an action or as read-only.
 */
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { ROLES, stageParts, teams, type Role } from "#db/schema";
import { createContest, createQuestion, createUnit, createUser, createWard } from "../../tests/factories";
import { createTestDb } from "../../tests/setup/test-db";
import { PERMISSIONS, type Action, type Actor } from "~/utils/permissions.server";
import * as residents from "./residents.server";
import * as signIn from "./sign-in.server";
import * as staffAccounts from "./staff-accounts.server";
import * as assistedEntry from "./assisted-entry.server";
import * as attempt from "./attempt.server";
import * as certificates from "./certificates.server";
import * as committee from "./committee.server";
import * as contestAmendments from "./contest-amendments.server";
import * as contestAdmin from "./contest-admin.server";
import * as loginThrottle from "./login-throttle.server";
import * as ownAccount from "./own-account.server";
import * as practice from "./practice.server";
import * as questionBank from "./question-bank.server";
import * as resetCodes from "./reset-codes.server";
import * as receipts from "./receipts.server";
import * as results from "./results.server";
import * as seasons from "./seasons.server";
import * as questionCategories from "./question-categories.server";
import * as reimport from "./question-reimport.server";
import * as images from "./images.server";
import * as questionImport from "./question-import.server";
import * as stageJudging from "./stage-judging.server";
import * as stagePaper from "./stage-paper.server";
import * as audienceVote from "./audience-vote.server";
import * as stageTiming from "./stage-timing.server";
import * as stageKnowledge from "./stage-knowledge.server";
import * as stageParts_ from "./stage-parts.server";
import * as stage from "./stage.server";
import * as teamEntries from "./team-entries.server";
import * as teams_ from "./teams.server";
import * as units from "./units.server";

let db: Db;
let wardUnit: number;
const actors = {} as Record<Role, Actor & { id: number }>;

/**
 * A fresh database with one account per role. Under `npm run test:sqld` every
 * call empties the worker's one sqld, so each block sets it up anew rather
 * than opening a second database beside it.
 */
async function setUp() {
  ({ db } = await createTestDb());
  const ward = await createWard(db);
  wardUnit = (await createUnit(db, { wardId: ward.id, name: "Tổ dân phố 1" })).id;
  for (const role of ROLES) actors[role] = { id: (await createUser(db, { role })).id, role };
}

/** A fresh draft contest, so one role's call never changes what the next one finds. */
const quiz = () => createContest(db, { state: "draft" });
let seasonCount = 0;
const seasonSettings = (): seasons.SeasonSettings => ({
  title: "Mùa thi kiểm tra quyền",
  slug: `mua-thi-quyen-${++seasonCount}`,
  description: "",
  rules: "",
  aggregate: "sum",
  prizeRule: "highest",
  requiredRounds: [],
  collectiveRule: "participation_rate",
});
/** A season (made by an organiser) around a new draft quiz: its id. */
async function season() {
  const made = await seasons.createSeason(
    db,
    { settings: seasonSettings(), prizes: [], firstRoundId: (await quiz()).id },
    actors.organiser,
  );
  if (!("id" in made)) throw new Error("season not made");
  return made.id;
}
async function stageWithPart() {
  const contest = await createContest(db, { kind: "stage", stageAggregation: "mean", entryModes: "team" });
  const [part] = await db
    .insert(stageParts)
    .values({ contestId: contest.id, position: 1, name: "Chào hỏi", maxScore: 20 })
    .returning();
  const [team] = await db
    .insert(teams)
    .values({ contestId: contest.id, number: 1, name: "Đội 1", unitId: wardUnit })
    .returning();
  return { contest, part, team };
}

type Case = { fn: string; action: Action; run: (actor: Actor) => Promise<unknown> };

const cases: Case[] = [
  // Units and the question bank
  { fn: "createUnits", action: "unit.manage", run: (a) => units.createUnits(db, [], a) },
  {
    fn: "updateUnit",
    action: "unit.manage",
    run: (a) => units.updateUnit(db, wardUnit, { name: "Tổ dân phố 1" } as never, a),
  },
  { fn: "setUnitRetired", action: "unit.manage", run: (a) => units.setUnitRetired(db, -1, false, a) },
  {
    fn: "mapResidentToUnit",
    action: "unit.manage",
    run: (a) => units.mapResidentToUnit(db, actors.resident.id, wardUnit, a),
  },
  { fn: "createQuestions", action: "question.manage", run: (a) => questionBank.createQuestions(db, [], a) },
  {
    fn: "updateQuestion",
    action: "question.manage",
    run: async (a) => questionBank.updateQuestion(db, (await createQuestion(db)).id, {} as never, a),
  },
  // Contests and teams
  {
    fn: "createQuizContest",
    action: "contest.create",
    run: (a) => contestAdmin.createQuizContest(db, {} as never, a),
  },
  {
    fn: "updateQuizContest",
    action: "contest.edit",
    run: async (a) => contestAdmin.updateQuizContest(db, (await quiz()).id, {} as never, a),
  },
  {
    fn: "publishContest",
    action: "contest.publish",
    run: async (a) => contestAdmin.publishContest(db, (await quiz()).id, a),
  },
  {
    fn: "unpublishContest",
    action: "contest.publish",
    run: async (a) => contestAdmin.unpublishContest(db, (await quiz()).id, a),
  },
  {
    fn: "cloneContest",
    action: "contest.create",
    run: async (a) => contestAdmin.cloneContest(db, (await quiz()).id, a),
  },
  {
    fn: "createSeason",
    action: "contest.create",
    run: async (a) =>
      seasons.createSeason(
        db,
        { settings: seasonSettings(), prizes: [], firstRoundId: (await quiz()).id },
        a,
      ),
  },
  {
    fn: "updateSeason",
    action: "contest.edit",
    run: async (a) => seasons.updateSeason(db, await season(), { settings: seasonSettings(), prizes: [] }, a),
  },
  {
    fn: "addRound",
    action: "contest.create",
    run: async (a) =>
      seasons.addRound(db, await season(), { opensAt: Date.now(), closesAt: Date.now() + 3_600_000 }, a),
  },
  {
    fn: "saveQuestions",
    action: "question.manage",
    run: async (a) => questionBank.saveQuestions(db, { creates: [], updates: [] }, a),
  },
  {
    fn: "importQuestions",
    action: "question.manage",
    run: async (a) => reimport.importQuestions(db, [], a),
  },
  {
    fn: "keepPendingImport",
    action: "question.manage",
    run: async (a) => reimport.keepPendingImport(db, [], a),
  },
  {
    fn: "applyPendingImport",
    action: "question.manage",
    run: async (a) => reimport.applyPendingImport(db, "no-such-token", a),
  },
  {
    fn: "cancelPendingImport",
    action: "question.manage",
    run: async (a) => reimport.cancelPendingImport(db, "no-such-token", a),
  },
  {
    fn: "storePictures",
    action: "question.manage",
    run: async (a) => images.storePictures(db, [], a),
  },
  {
    fn: "parseQuestionImport",
    action: "question.manage",
    run: async (a) => questionImport.parseQuestionImport(db, { headers: [], rows: [], problems: [] }, a),
  },
  {
    fn: "createCategory",
    action: "question.manage",
    run: async (a) => questionCategories.createCategory(db, `Lĩnh vực ${++seasonCount}`, a),
  },
  {
    fn: "renameCategory",
    action: "question.manage",
    run: async (a) => questionCategories.renameCategory(db, "DVC", `Dịch vụ công ${++seasonCount}`, a),
  },
  {
    fn: "setCategoryRetired",
    action: "question.manage",
    run: async (a) => questionCategories.setCategoryRetired(db, "DIA_PHUONG", false, a),
  },
  {
    fn: "setRoster",
    action: "contest.roster",
    run: async (a) =>
      committee.setRoster(db, { contestId: (await quiz()).id, userIds: [actors.committee.id], quorum: 1 }, a),
  },
  {
    fn: "createTeam",
    action: "team.manage",
    run: async (a) => teams_.createTeam(db, (await quiz()).id, { unitId: null, name: "Đội A" }, a),
  },
  {
    fn: "updateTeam",
    action: "team.manage",
    run: async (a) => {
      const { contest, team } = await stageWithPart();
      return teams_.updateTeam(db, contest.id, team.id, { unitId: null, name: "Đội Hoa Sen" }, a);
    },
  },
  {
    fn: "addMember",
    action: "team.manage",
    run: async (a) => teams_.addMember(db, (await stageWithPart()).team.id, { phone: null, name: "An" }, a),
  },
  {
    fn: "setCaptain",
    action: "team.manage",
    run: async (a) => teams_.setCaptain(db, (await stageWithPart()).team.id, actors.resident.id, a),
  },
  {
    fn: "deleteTeam",
    action: "team.manage",
    run: async (a) => {
      const { contest, team } = await stageWithPart();
      return teams_.deleteTeam(db, contest.id, team.id, a);
    },
  },
  {
    fn: "removeMember",
    action: "team.manage",
    run: async (a) => {
      const { contest, team } = await stageWithPart();
      return teams_.removeMember(db, contest.id, team.id, "An", a);
    },
  },
  // Stage contests
  {
    fn: "createStageContest",
    action: "contest.create",
    run: (a) => stage.createStageContest(db, {} as never, a),
  },
  {
    fn: "updateStageSettings",
    action: "stage.setup",
    run: async (a) => stage.updateStageSettings(db, (await stageWithPart()).contest.id, {} as never, a),
  },
  {
    fn: "setJudges",
    action: "stage.setup",
    run: async (a) => stage.setJudges(db, (await stageWithPart()).contest.id, [actors.judge.id], a),
  },
  {
    fn: "drawPerformanceOrder",
    action: "stage.setup",
    run: async (a) => stage.drawPerformanceOrder(db, (await stageWithPart()).contest.id, a),
  },
  {
    fn: "publishStage",
    action: "contest.publish",
    run: async (a) => stage.publishStage(db, (await stageWithPart()).contest.id, a),
  },
  {
    fn: "savePart",
    action: "stage.setup",
    run: async (a) => stageParts_.savePart(db, (await stageWithPart()).contest.id, null, {} as never, a),
  },
  {
    fn: "deletePart",
    action: "stage.setup",
    run: async (a) => {
      const { contest, part } = await stageWithPart();
      return stageParts_.deletePart(db, contest.id, part.id, a);
    },
  },
  {
    fn: "saveJudgeScore",
    action: "stage.score",
    run: async (a) => {
      const { contest, part, team } = await stageWithPart();
      const judge = { ...a, id: a.id! };
      return stageJudging.saveJudgeScore(db, {
        contestId: contest.id,
        partId: part.id,
        teamId: team.id,
        judge,
        values: { total: 10 },
        comment: "",
      });
    },
  },
  {
    fn: "savePaperSheet",
    action: "stage.paper",
    run: async (a) => {
      const { contest, part, team } = await stageWithPart();
      return stagePaper.savePaperSheet(db, {
        contestId: contest.id,
        partId: part.id,
        judgeUserId: actors.judge.id,
        rows: [{ teamId: team.id, values: { total: 10 }, comment: "", base: 0 }],
        actor: { ...a, id: a.id! },
      });
    },
  },
  // The audience vote: the organiser's cue, and a vote (any account; this contest holds none, so not "forbidden")
  ...(["openAudienceVote", "closeAudienceVote"] as const).map((fn): Case => ({
    fn,
    action: "stage.mark",
    run: async (a) => audienceVote[fn](db, { contestId: (await stageWithPart()).contest.id, actor: a }),
  })),
  {
    fn: "castAudienceVote",
    action: "stage.vote",
    run: async (a) => {
      const { contest, team } = await stageWithPart();
      return audienceVote.castAudienceVote(db, {
        contestId: contest.id,
        teamId: team.id,
        user: { ...a, id: a.id! },
      });
    },
  },
  {
    fn: "saveKnowledgeMarks",
    action: "stage.mark",
    run: async (a) => {
      const { contest, part } = await stageWithPart();
      return stageJudging.saveKnowledgeMarks(db, {
        contestId: contest.id,
        partId: part.id,
        right: {},
        actor: a,
      });
    },
  },
  {
    fn: "saveOvertime",
    action: "stage.mark",
    run: async (a) => {
      const { contest, part, team } = await stageWithPart();
      return stageJudging.saveOvertime(db, {
        contestId: contest.id,
        partId: part.id,
        teamId: team.id,
        overtimeSec: 30,
        actor: a,
      });
    },
  },
  ...(["startTimer", "stopTimer"] as const).map((fn): Case => ({
    fn,
    action: "stage.mark",
    run: async (a) => {
      const { contest, part, team } = await stageWithPart();
      await db.update(stageParts).set({ timeLimitSec: 600 }).where(eq(stageParts.id, part.id));
      return stageTiming[fn](db, { contestId: contest.id, partId: part.id, teamId: team.id, actor: a });
    },
  })),
  {
    fn: "editDuration",
    action: "stage.mark",
    run: async (a) => {
      const { contest, part, team } = await stageWithPart();
      await db.update(stageParts).set({ timeLimitSec: 600 }).where(eq(stageParts.id, part.id));
      return stageTiming.editDuration(db, {
        contestId: contest.id,
        partId: part.id,
        teamId: team.id,
        durationSec: 610,
        reason: "Bấm chậm",
        actor: a,
      });
    },
  },
  ...(["showKnowledgeQuestion", "revealKnowledgeAnswer", "hideKnowledgeQuestion"] as const).map(
    (fn): Case => ({
      fn,
      action: "stage.mark",
      run: async (a) => {
        const { contest, part } = await stageWithPart();
        await db
          .update(stageParts)
          .set({ scoring: "knowledge", knowledgeQuestions: 3, knowledgeShownNo: 1, knowledgeShownAt: 1 })
          .where(eq(stageParts.id, part.id));
        return stageKnowledge[fn](db, { contestId: contest.id, partId: part.id, no: 2, actor: a });
      },
    }),
  ),
  {
    fn: "setPartClosed",
    action: "stage.closePart",
    run: async (a) => {
      const { contest, part } = await stageWithPart();
      return stageJudging.setPartClosed(db, {
        contestId: contest.id,
        partId: part.id,
        closed: true,
        actor: a,
      });
    },
  },
  {
    fn: "decideTie",
    action: "stage.decideTie",
    run: async (a) => {
      const { contest, team } = await stageWithPart();
      return stageJudging.decideTie(db, {
        contestId: contest.id,
        teamIds: [team.id],
        reason: "Bốc thăm trước hội đồng",
        actor: a,
      });
    },
  },
  // The committee's decisions
  {
    fn: "disqualify",
    action: "results.disqualify",
    run: async (a) =>
      results.disqualify(db, {
        contestId: (await quiz()).id,
        targetKind: "user",
        targetId: String(actors.resident.id),
        reason: "Gian lận rõ ràng",
        actor: a,
      }),
  },
  {
    fn: "undoDisqualification",
    action: "results.disqualify",
    run: async (a) =>
      results.undoDisqualification(db, {
        contestId: (await quiz()).id,
        disqualificationId: 1,
        reason: "Xem xét lại",
        actor: a,
      }),
  },
  {
    fn: "approveLock",
    action: "results.approve",
    run: async (a) => results.approveLock(db, (await quiz()).id, a),
  },
  {
    fn: "announce",
    action: "results.announce",
    run: async (a) => results.announce(db, (await quiz()).id, a),
  },
  {
    fn: "reopen",
    action: "results.reopen",
    run: async (a) => results.reopen(db, (await quiz()).id, "Có khiếu nại", a),
  },
  {
    fn: "contestAudit",
    action: "audit.readContest",
    run: async (a) => committee.contestAudit(db, (await quiz()).id, a),
  },
  // Every signed-in person: their own account
  {
    fn: "signOutEverywhere",
    action: "session.own",
    run: (a) => ownAccount.signOutEverywhere(db, { ...a, id: a.id! }, null),
  },
  {
    fn: "acknowledgePasswordReset",
    action: "session.own",
    run: (a) => ownAccount.acknowledgePasswordReset(db, { ...a, id: a.id! }),
  },
  {
    fn: "updateProfile",
    action: "account.own",
    run: (a) =>
      ownAccount.updateProfile(
        db,
        { ...a, id: a.id! },
        { fullName: "Tên Đã Sửa", unitId: null, unitOther: "Khu tập thể" },
        null,
      ),
  },
  {
    fn: "changeOwnPassword",
    action: "account.own",
    // A wrong current password: allowed roles get "currentWrong", never 403, and nobody's password changes.
    run: (a) =>
      ownAccount.changeOwnPassword(
        db,
        { ...a, id: a.id! },
        { current: "khong-phai-mat-khau", next: "mat-khau-moi-dai" },
        { ip: null, keepSessionHash: null },
      ),
  },
  {
    fn: "assistExistingResident",
    action: "account.assist",
    run: async (a) =>
      assistedEntry.assistExistingResident(
        db,
        { phone: (await createUser(db)).phone, identityChecked: true },
        a,
      ),
  },
  {
    fn: "registerResident",
    action: "account.assist",
    run: (a) =>
      residents.registerResident(db, {
        fullName: "Nguyễn Văn Hỗ Trợ",
        birthYear: 1950,
        phone: `05${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
        password: "mat-khau-ho-tro",
        unitId: null,
        unitOther: "Khác",
        address: null,
        assistedBy: a,
        now: Date.now(),
      }),
  },
];

/** Account actions name the role of the account they touch. */
const accountCases = (target: Role): Case[] => [
  {
    fn: "createStaff",
    action: `account.create:${target}`,
    run: (a) =>
      staffAccounts.createStaff(
        db,
        {
          phone: `07${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
          fullName: "Tài khoản mới",
          role: target,
          password: "mat-khau-dai-du",
        },
        a,
      ),
  },
  {
    fn: "resetPassword",
    action: `account.reset:${target}`,
    run: async (a) => staffAccounts.resetPassword(db, (await createUser(db, { role: target })).id, a),
  },
  {
    fn: "issueResetCode",
    action: `account.resetCode:${target}`,
    run: async (a) =>
      resetCodes.issueResetCode(
        db,
        (await createUser(db, { role: target })).id,
        { identityChecked: true },
        a,
      ),
  },
  {
    fn: "setDisabled",
    action: `account.disable:${target}`,
    run: async (a) => staffAccounts.setDisabled(db, (await createUser(db, { role: target })).id, true, a),
  },
  {
    fn: "changeRole",
    action: `account.role:${target}`,
    // From the target role to resident: managing both is needed, and everyone who may manage any role manages residents.
    run: async (a) =>
      staffAccounts.changeRole(db, (await createUser(db, { role: target })).id, "resident", a),
  },
  {
    fn: "liftSignInLock",
    action: `account.unlock:${target}`,
    run: async (a) =>
      loginThrottle.liftSignInLock(db, a, (await createUser(db, { role: target })).id, Date.now()),
  },
];

const allCases = [...cases, ...ROLES.flatMap(accountCases)];

async function outcome(run: () => Promise<unknown>) {
  try {
    await run();
    return "done";
  } catch (error) {
    return (error as { code?: string }).code === "error.forbidden" ? "forbidden" : "other";
  }
}

describe("the permission matrix, enforced by the models", () => {
  beforeAll(setUp);
  for (const c of allCases)
    it(`${c.fn} (${c.action}): refused with 403 to exactly the roles the matrix refuses`, async () => {
      for (const role of ROLES) {
        const allowed = PERMISSIONS[role].has(c.action);
        let error: unknown = null;
        await c.run(actors[role]).catch((e: unknown) => (error = e));
        if (allowed)
          expect((error as { code?: string } | null)?.code, `${role} must be allowed`).not.toBe(
            "error.forbidden",
          );
        else expect(error, `${role} must be refused`).toMatchObject({ code: "error.forbidden", status: 403 });
      }
    });

  it("the admin command line acts as an admin, but not as a committee member", async () => {
    const { COMMAND_LINE } = await import("~/utils/permissions.server");
    expect(await outcome(() => questionBank.createQuestions(db, [], COMMAND_LINE))).toBe("done");
    // Approving needs a place on the contest's roster, which the command line never has.
    await expect(results.approveLock(db, (await quiz()).id, COMMAND_LINE)).rejects.toMatchObject({
      code: "roster.notMember",
    });
  });

  it("every exported model function that changes data is listed here", () => {
    const readOnly = new Set([
      // reads, pure rules and helpers
      ...["authenticate", "listActiveUnits", "listAccounts", "listOwnSessions", "passwordResetNotice"],
      ...["listRoster", "rosterCandidates", "rosterFrozen", "requireRosterMember", "countApprovals"],
      ...[
        "listApprovals",
        "committeeStatus",
        "rankingDigest",
        // amendmentInsert is a statement for updateQuizContest's batch, which checks contest.amend
        "ruleChanges",
        "amendmentInsert",
        "listAmendments",
        "stageScored",
        "stageOver",
        "partChanges",
        "bankCounts",
        "drawBank",
        "hasStarted",
        "loadSettings",
        "slugTaken",
      ],
      ...["pickSettings", "validateSettings", "fairnessProblems", "computeResults", "currentResults"],
      ...["listDisqualifications", "publicWinners", "announcedResults", "listQuestions", "getQuestion"],
      ...["countQuestions"],
      ...["allTags", "codeTaken", "isCategory", "readQuestionForm", "validateQuestion", "listUnits"],
      ...["unitNameTaken", "listUnmappedResidents", "parseUnitTable", "listTeams", "assertEditable"],
      ...["loadStageContest", "stageSetup", "stageProgramme", "validateStageSettings", "validatePart"],
      ...["loadStagePart", "loadStageTeam", "requireOpenPart"],
      ...["requireJudgeOf", "judgeContests", "judgeBoard", "knowledgeSheet", "judgeScoreSheet"],
      ...["paperBoard", "paperEntries", "judgeSummary"],
      // the audience vote: reads and what the projector, the results and results.json show
      ...["audienceVoteState", "audienceTally", "myAudienceVote"],
      ...["audienceVoteResults", "projectorAudienceVote"],
      ...["timingPenalty", "runningTimer", "timerBoard"],
      // the knowledge round: reading the typed codes (savePart checks stage.setup) and the projector's read
      ...["parseQuestionCodes", "validKnowledgeSeconds", "knowledgeQuestionIds", "withKnowledgeCodes"],
      ...["knowledgePartValues", "projectorKnowledge"],
      ...["signInLocks", "lockedFor", "delayAfter", "pairKey", "phoneKey", "ipKey", "registerKey"],
      ...["prizeRowProblem", "parseExclusions", "stageTeams", "byPerformance", "isFinal"],
      ...["tidyName", "teamNameKey", "memberKey"],
      // team entries: reads and checks made inside startAttempt (a captain's own attempt)
      ...["takesTeamEntries", "takesIndividualEntries", "teamOfMember", "teamToEnter", "assertEntryMode"],
      ...["listTeamAttempts", "attemptsUsedTowardsReview", "teamEntryView"],
      // the sign-in throttle's own counts, kept by sign-in and registration before anyone is known
      ...["startSignIn", "signInSucceeded", "signInAbandoned", "rememberSignIn", "recordFailure"],
      ...["pruneSignInThrottle"],
      // own profile, hand-over page and the reset code page's reads and helpers
      ...["getProfile", "handOver", "wardName", "formatCode", "resetKey"],
      // a one-time code redeemed by whoever holds it (no one is signed in): the code is the permission
      ...["redeemResetCode"],
      // a resident's own attempt: checked by ownership inside each statement (every role may enter)
      ...["newAttemptId", "startAttempt", "loadOwnAttempt", "saveAnswer", "savePrediction"],
      ...["submitWithUnsent", "submitAttempt", "finaliseAttempt", "sweepExpiredAttempts"],
      // the public receipt check: reads, and its per-address count kept before anyone is known
      ...["checkReceipt", "maskName", "normaliseReceiptCode", "countReceiptCheck"],
      ...["certificateSheet", "placeOf"],
      // practice mode (thi thử): pure checks and the shared SQL condition; starting is startAttempt's
      ...["assertCanPractise", "practiceOffered", "recordedAs"],
      // seasons: reads, the generated thể lệ, the suggested window and the public results' shape
      ...["seasonRounds", "generateSeasonRules", "validateSeason", "seasonStarted"],
      ...["loadSeasonSettings", "suggestedNextWindow", "seasonOverview", "listPublicSeasons"],
      ...["getSeasonBySlug", "roundContext", "announcedSeasonResults", "publicSeasonResults"],
      // question categories: reads and pure helpers
      ...["listCategories", "activeCategories", "categoryCode", "categoryProblem"],
      // re-import: the plan and its diff are reads
      ...["planReimport", "questionDiff", "planCounts", "questionCategoriesByCode"],
      // pictures: checking and re-encoding an upload, and reads; files in and out are pure or reads
      ...["preparePicture", "readImage", "storedPictures", "picturesAsPng"],
      ...["parseQuestionTable", "questionExportRows", "questionExportPictures", "questionBankFile"],
    ]);
    const modules = [
      residents,
      signIn,
      staffAccounts,
      attempt,
      certificates,
      committee,
      contestAdmin,
      contestAmendments,
      loginThrottle,
      ownAccount,
      practice,
      questionBank,
      resetCodes,
      assistedEntry,
      receipts,
      results,
      seasons,
      questionCategories,
      reimport,
      images,
      questionImport,
      stage,
      stageJudging,
      stagePaper,
      audienceVote,
      stageTiming,
      stageKnowledge,
      stageParts_,
      teams_,
      teamEntries,
      units,
    ];
    const listed = new Set(allCases.map((c) => c.fn));
    const missing = modules
      .flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "function"))
      .map(([name]) => name)
      .filter((name) => !listed.has(name) && !readOnly.has(name) && !/^[A-Z]/.test(name));
    expect(missing).toEqual([]);
  });
});

describe("accounts: an organiser cannot take over the committee", () => {
  beforeEach(setUp);
  it("an organiser manages residents and judges, and nobody else", async () => {
    const org = actors.organiser;
    const admin = await createUser(db, { role: "admin" });
    const chair = await createUser(db, { role: "committee" });
    for (const target of [admin, chair]) {
      await expect(staffAccounts.resetPassword(db, target.id, org)).rejects.toMatchObject({ status: 403 });
      await expect(staffAccounts.setDisabled(db, target.id, true, org)).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(
      staffAccounts.createStaff(
        db,
        { phone: "0612345678", fullName: "Hội đồng 2", role: "committee", password: "x".repeat(10) },
        org,
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(staffAccounts.changeRole(db, actors.judge.id, "organiser", org)).rejects.toMatchObject({
      status: 403,
    });
    const judge = await createUser(db, { role: "judge" });
    const { password } = await staffAccounts.resetPassword(db, judge.id, org);
    expect(password).toMatch(/^[a-z2-9]{10}$/);
  });

  it("nobody can disable or demote the last active admin, not even from the command line", async () => {
    const only = actors.admin; // the only admin of this database
    const { COMMAND_LINE } = await import("~/utils/permissions.server");
    await expect(staffAccounts.setDisabled(db, only.id, true, COMMAND_LINE)).rejects.toMatchObject({
      code: "accounts.lastAdmin",
    });
    await expect(staffAccounts.changeRole(db, only.id, "organiser", COMMAND_LINE)).rejects.toMatchObject({
      code: "accounts.lastAdmin",
    });
    // With a second admin, the first may go.
    const second = { id: (await createUser(db, { role: "admin" })).id, role: "admin" as const };
    await staffAccounts.setDisabled(db, only.id, true, second);
    await expect(staffAccounts.changeRole(db, second.id, "organiser", COMMAND_LINE)).rejects.toMatchObject({
      code: "accounts.lastAdmin",
    });
  });

  it("a reset password's owner is told who reset it and when", async () => {
    const member = await createUser(db, { role: "committee" });
    const admin = actors.admin;
    await staffAccounts.resetPassword(db, member.id, admin, 1_700_000_000_000);
    const notice = await ownAccount.passwordResetNotice(db, {
      passwordResetAt: 1_700_000_000_000,
      passwordResetByUserId: admin.id,
    });
    expect(notice).toMatchObject({ at: 1_700_000_000_000, byRole: "admin" });
    const { users } = await import("#db/schema");
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ passwordResetAt: 1_700_000_000_000, passwordResetByUserId: admin.id });
    await ownAccount.acknowledgePasswordReset(db, { id: member.id, role: "committee" });
    const [after] = await db.select().from(users).where(eq(users.id, member.id));
    expect(after.passwordResetAt).toBeNull();
  });
});

describe("the contest's committee roster", () => {
  beforeEach(setUp);
  it("counts approvals of roster members only, and freezes at close", async () => {
    const admin = actors.admin;
    const a = { id: (await createUser(db, { role: "committee" })).id, role: "committee" as const };
    const b = { id: (await createUser(db, { role: "committee" })).id, role: "committee" as const };
    const now = Date.now();
    const contest = await createContest(db, { opensAt: now - 7_200_000, closesAt: now + 60_000 });
    await committee.setRoster(db, { contestId: contest.id, userIds: [a.id, b.id], quorum: 2 }, admin, now);
    // A committee account made later (e.g. by whoever holds an admin password) is not on the roster.
    const late = { id: (await createUser(db, { role: "committee" })).id, role: "committee" as const };
    const afterClose = now + 120_000;
    await expect(
      committee.setRoster(
        db,
        { contestId: contest.id, userIds: [a.id, late.id], quorum: 1 },
        admin,
        afterClose,
      ),
    ).rejects.toMatchObject({ code: "roster.frozen" });
    await expect(results.approveLock(db, contest.id, late, afterClose)).rejects.toMatchObject({
      code: "roster.notMember",
      status: 403,
    });
    expect(await results.approveLock(db, contest.id, a, afterClose)).toMatchObject({
      locked: false,
      approvals: 1,
    });
    expect(await results.approveLock(db, contest.id, b, afterClose)).toMatchObject({
      locked: true,
      approvals: 2,
    });
    // One member alone cannot reopen a 2-of-2 lock.
    expect(await results.reopen(db, contest.id, "Khiếu nại của tổ 3", a, afterClose)).toMatchObject({
      reopened: false,
    });
    await expect(
      results.reopen(db, contest.id, "Khiếu nại của tổ 3", late, afterClose),
    ).rejects.toMatchObject({
      code: "roster.notMember",
    });
    expect(await results.reopen(db, contest.id, "Đồng ý xem lại", b, afterClose)).toMatchObject({
      reopened: true,
    });
    const trail = await committee.contestAudit(db, contest.id, a);
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(["contest.roster", "review.lock", "review.requestReopen", "review.reopen"]),
    );
    await expect(committee.contestAudit(db, contest.id, late)).rejects.toMatchObject({
      code: "roster.notMember",
    });
  });

  it("refuses a roster of non-committee accounts or a quorum above its size", async () => {
    const contest = await quiz();
    await expect(
      committee.setRoster(
        db,
        { contestId: contest.id, userIds: [actors.organiser.id], quorum: 1 },
        actors.admin,
      ),
    ).rejects.toMatchObject({ code: "roster.notCommittee" });
    await expect(
      committee.setRoster(
        db,
        { contestId: contest.id, userIds: [actors.committee.id], quorum: 2 },
        actors.admin,
      ),
    ).rejects.toMatchObject({ code: "roster.quorumRange" });
  });
});
