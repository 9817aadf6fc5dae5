/**
 * The whole Hội Thi schema in one file. Conventions: snake_case columns,
 * times as integer milliseconds UTC, enums as text with a fixed list,
 * uniqueness declared here so the database enforces the domain rules.
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { UNIT_KINDS, type QuestionCategory } from "./constants";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const ROLES = ["resident", "organiser", "committee", "judge", "admin"] as const;
export type Role = (typeof ROLES)[number];

export { UNIT_KINDS, type UnitKind } from "./constants";

export const wards = sqliteTable("wards", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  province: text("province").notNull(),
});

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    wardId: integer("ward_id")
      .notNull()
      .references(() => wards.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    code: text("code"),
    name: text("name").notNull(),
    denominator: integer("denominator"),
    denominatorKind: text("denominator_kind", {
      enum: ["population", "households", "members"],
    }),
    retiredAt: integer("retired_at"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("units_ward_name_uq").on(t.wardId, t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    phone: text("phone").notNull(),
    fullName: text("full_name").notNull(),
    birthYear: integer("birth_year"),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    /** Free text when the resident chose "Khác"; an organiser maps it to a unit later. */
    unitOther: text("unit_other"),
    address: text("address"),
    role: text("role", { enum: ROLES }).notNull().default("resident"),
    passwordHash: text("password_hash").notNull(),
    consentAt: integer("consent_at"),
    assistedByUserId: integer("assisted_by_user_id"),
    disabledAt: integer("disabled_at"),
    /** Set when someone else reset the password; the owner is told who and when at their next sign-in. */
    passwordResetAt: integer("password_reset_at"),
    passwordResetByUserId: integer("password_reset_by_user_id"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_phone_uq").on(t.phone), index("users_unit_idx").on(t.unitId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the random token in the cookie, so a database leak holds no live session. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Set when staff sat a resident at the ward's device: their entries are marked "hỗ trợ". */
    assistedByUserId: integer("assisted_by_user_id"),
    /** Shown to the owner on their sessions page, so they can tell their devices apart. */
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * One-time codes to set a new password without SMS: ward staff check the
 * resident's papers and issue one (shown once); only its argon2 hash is kept.
 * Single use, short-lived, a few tries; at most one outstanding per account.
 */
export const passwordResetCodes = sqliteTable(
  "password_reset_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    issuedByUserId: integer("issued_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Wrong codes tried against it; at the limit it is dead. */
    failures: integer("failures").notNull().default(0),
    usedAt: integer("used_at"),
    /** Replaced by a newer code for the same account. */
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("password_reset_codes_outstanding_uq")
      .on(t.userId)
      .where(sql`used_at IS NULL AND revoked_at IS NULL`),
  ],
);

export const QUESTION_KINDS = ["single", "multiple", "true_false"] as const;
export { QUESTION_CATEGORIES, type QuestionCategory } from "./constants";

/**
 * The ward's own question categories (lĩnh vực): the five defaults, then
 * whatever the district or province asks for. A retired one keeps its
 * questions and past draws but is offered for nothing new.
 */
export const questionCategories = sqliteTable("question_categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  retiredAt: integer("retired_at"),
  createdAt: integer("created_at").notNull().default(now),
});

/**
 * A picture of a question or an option, as stored: re-encoded WebP, at most
 * 800 px on its longer side, named by the SHA-256 of its bytes. Kept in the
 * database so a backup holds it; never changed, so its address can be cached
 * for ever, and unguessable, so a question's picture does not leak before
 * its contest opens.
 */
export const images = sqliteTable("images", {
  key: text("key").primaryKey(),
  mime: text("mime").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  createdAt: integer("created_at").notNull().default(now),
});

/** A picture as a question, an option or a snapshot names it: with its alternative text for screen readers. */
export type Picture = { key: string; alt: string; width: number; height: number };

export const questions = sqliteTable(
  "questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code"),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    /** A code of question_categories. */
    category: text("category").notNull(),
    prompt: text("prompt").notNull(),
    image: text("image", { mode: "json" }).$type<Picture>(),
    explanation: text("explanation"),
    /** Legal basis, e.g. "Nghị quyết 76/NQ-CP ngày 15/7/2021". */
    legalSource: text("legal_source"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    difficulty: text("difficulty", { enum: ["easy", "medium", "hard"] })
      .notNull()
      .default("medium"),
    status: text("status", { enum: ["active", "retired", "historical"] })
      .notNull()
      .default("active"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("questions_code_uq").on(t.code),
    index("questions_category_idx").on(t.category, t.status),
  ],
);

/**
 * An import that would change questions already in the bank, parsed and
 * waiting for the organiser to look at its preview and apply it (or not).
 */
export const pendingImports = sqliteTable("pending_imports", {
  token: text("token").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: integer("created_at").notNull(),
  /** The parsed questions (QuestionInput[]), as the preview showed them. */
  payload: text("payload", { mode: "json" }).notNull(),
});

export const questionOptions = sqliteTable(
  "question_options",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    image: text("image", { mode: "json" }).$type<Picture>(),
    isCorrect: integer("is_correct", { mode: "boolean" }).notNull(),
  },
  (t) => [uniqueIndex("question_options_pos_uq").on(t.questionId, t.position)],
);

export const CONTEST_STATES = ["draft", "published", "review", "locked", "announced"] as const;

export type DrawRule =
  | { mode: "category"; rules: { category: QuestionCategory; count: number }[] }
  | { mode: "fixed"; questionIds: number[] };

export const contests = sqliteTable(
  "contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    /** A season (mùa thi) is a contest row of its own: its rounds are quiz contests pointing at it. */
    kind: text("kind", { enum: ["quiz", "stage", "season"] }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Thể lệ: generated from the settings, editable by organisers. */
    rules: text("rules").notNull().default(""),
    /** Ward name as of the contest date (wards merge; old contests keep the old name). */
    wardName: text("ward_name").notNull(),
    /** Stored workflow state; open/closed are derived from the window. */
    state: text("state", { enum: CONTEST_STATES }).notNull().default("draft"),
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    timeLimitSec: integer("time_limit_sec").notNull().default(1200),
    draw: text("draw", { mode: "json" }).$type<DrawRule>().notNull(),
    pointsPerQuestion: integer("points_per_question").notNull().default(1),
    shuffleQuestions: integer("shuffle_questions", { mode: "boolean" }).notNull().default(true),
    shuffleOptions: integer("shuffle_options", { mode: "boolean" }).notNull().default(true),
    maxAttempts: integer("max_attempts").notNull().default(1),
    attemptPeriod: text("attempt_period", { enum: ["contest", "day", "week"] })
      .notNull()
      .default("contest"),
    counting: text("counting", { enum: ["best", "first", "last"] })
      .notNull()
      .default("best"),
    reviewPolicy: text("review_policy", { enum: ["after_submit", "after_close", "never"] })
      .notNull()
      .default("after_close"),
    predictionTarget: text("prediction_target", { enum: ["entries", "perfect_entries"] }),
    predictionPrompt: text("prediction_prompt"),
    /** Known only after close; filled by the ranking step. */
    predictionActual: integer("prediction_actual"),
    entryModes: text("entry_modes", { enum: ["individual", "team", "both"] })
      .notNull()
      .default("individual"),
    collectiveRule: text("collective_rule", {
      enum: ["participation_rate", "entries", "average_score", "points"],
    })
      .notNull()
      .default("participation_rate"),
    eligibleUnitIds: text("eligible_unit_ids", { mode: "json" }).$type<number[] | null>(),
    /** Stage contests: mean or trimmed mean of judges. */
    stageAggregation: text("stage_aggregation", { enum: ["mean", "trimmed_mean"] }),
    stageHideTotals: integer("stage_hide_totals", { mode: "boolean" }).notNull().default(false),
    /** Stage contests: judges disagree when their totals for a team differ by more than this % of the part's maximum. */
    stageSpreadPct: integer("stage_spread_pct").notNull().default(20),
    /** Stage contests: when the order of performance was drawn by lot (null: not yet). */
    stageOrderDrawnAt: integer("stage_order_drawn_at"),
    /** Stage contests: a giải khán giả bình chọn (audience vote) is held; opened and closed on the organiser's cue. */
    audienceVote: integer("audience_vote", { mode: "boolean" }).notNull().default(false),
    audienceVoteOpenedAt: integer("audience_vote_opened_at"),
    audienceVoteClosedAt: integer("audience_vote_closed_at"),
    /** Committee approvals needed to lock the results (1 = the chair alone). */
    lockQuorum: integer("lock_quorum").notNull().default(1),
    /** Thi thử: residents may take unrecorded practice attempts while the contest is open. */
    practiceEnabled: integer("practice_enabled", { mode: "boolean" }).notNull().default(false),
    /** A round (đợt) of a season: the season's contest id and the round's number, 1, 2, … */
    seasonId: integer("season_id"),
    roundNo: integer("round_no"),
    /** Seasons: how a person's rounds add up (sum, best round, average of the rounds entered). */
    seasonAggregate: text("season_aggregate", { enum: ["sum", "best", "average"] })
      .notNull()
      .default("sum"),
    /** Seasons: one round prize per person, the highest (superseding a lower earlier one) or the first. */
    seasonPrizeRule: text("season_prize_rule", { enum: ["highest", "first", "none"] })
      .notNull()
      .default("highest"),
    /** Seasons: round numbers a person must have entered to be ranked for the season (empty: any one). */
    seasonRequiredRounds: text("season_required_rounds", { mode: "json" }).$type<number[]>(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("contests_slug_uq").on(t.slug),
    uniqueIndex("contests_round_uq").on(t.seasonId, t.roundNo),
  ],
);

export const contestPrizes = sqliteTable("contest_prizes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contestId: integer("contest_id")
    .notNull()
    .references(() => contests.id, { onDelete: "cascade" }),
  category: text("category", { enum: ["individual", "team", "collective"] }).notNull(),
  /** 1 = nhất, 2 = nhì, 3 = ba, 4 = khuyến khích … */
  rank: integer("rank").notNull(),
  label: text("label").notNull(),
  count: integer("count").notNull(),
  amount: integer("amount").notNull(),
});

/** Phones of organisers, committee members and helpers who may enter but are never ranked. */
export const contestExclusions = sqliteTable(
  "contest_exclusions",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.phone] })],
);

export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "set null" }),
    /** Đội số 1…n. */
    number: integer("number").notNull(),
    name: text("name").notNull(),
    captainUserId: integer("captain_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    /** Stage contests: order of performance drawn by lot. */
    performanceOrder: integer("performance_order"),
    /** Stage contests: the committee's order among teams tied on total and tie-break part (lower ranks higher). */
    committeeTieOrder: integer("committee_tie_order"),
    /** The exact tie the committee decided (teams and their scores): the order lapses when it changes. */
    committeeTieKey: text("committee_tie_key"),
    /**
     * The name as compared (teams.server.ts teamNameKey): lower case, Vietnamese
     * capitals included, so "Đội Tổ 1" and "đội tổ 1" are one name in a contest.
     */
    nameKey: text("name_key").notNull().default(""),
  },
  (t) => [
    uniqueIndex("teams_contest_number_uq").on(t.contestId, t.number),
    uniqueIndex("teams_contest_name_uq").on(t.contestId, t.nameKey),
  ],
);

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    /** Stage teams may list performers without accounts. */
    displayName: text("display_name").notNull(),
    /**
     * Who the member is, once per team: "u:<user id>" for an account, "n:<name
     * as compared>" for a performer without one. A person is in at most one
     * team of a contest: a trigger (migration 0011) refuses a second.
     */
    nameKey: text("name_key").notNull().default(""),
  },
  (t) => [
    index("team_members_team_idx").on(t.teamId),
    uniqueIndex("team_members_team_key_uq").on(t.teamId, t.nameKey),
    index("team_members_user_idx").on(t.userId),
  ],
);

export const attempts = sqliteTable(
  "attempts",
  {
    /** Random, unguessable: it appears in URLs. */
    id: text("id").primaryKey(),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    attemptNo: integer("attempt_no").notNull(),
    status: text("status", { enum: ["open", "submitted"] }).notNull(),
    startedAt: integer("started_at").notNull(),
    deadlineAt: integer("deadline_at").notNull(),
    submittedAt: integer("submitted_at"),
    submitKind: text("submit_kind", { enum: ["manual", "auto"] }),
    /** Null until scored; a submitted attempt with no score is finalised by the sweeper. */
    score: integer("score"),
    maxScore: integer("max_score").notNull(),
    correctCount: integer("correct_count"),
    questionCount: integer("question_count").notNull(),
    durationMs: integer("duration_ms"),
    prediction: integer("prediction"),
    predictionSeq: integer("prediction_seq").notNull().default(0),
    /** The server's count of prediction saves: a save made from a page that saw version N replaces version N only. */
    predictionVersion: integer("prediction_version").notNull().default(0),
    receipt: text("receipt"),
    assistedByUserId: integer("assisted_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /**
     * Thi thử: a practice attempt, never recorded (no ranking, statistics,
     * receipt or allowance). Every query of entries excludes it with
     * `RECORDED` / `recordedOnly` (practice.server.ts).
     */
    practice: integer("practice", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    // Practice attempts are numbered apart (1, 2 …), so entries keep their numbers.
    uniqueIndex("attempts_no_uq").on(t.contestId, t.userId, t.practice, t.attemptNo),
    // At most one open attempt per person and contest (and one open practice), even under parallel starts.
    uniqueIndex("attempts_one_open_uq")
      .on(t.contestId, t.userId, t.practice)
      .where(sql`status = 'open'`),
    index("attempts_open_deadline_idx").on(t.status, t.deadlineAt),
    index("attempts_contest_idx").on(t.contestId, t.status, t.submittedAt, t.practice),
    // Covers every column the ranking and the statistics read of a contest's entries, in person
    // order: 100,000 entries are read from the index alone, not row by row from the table.
    index("attempts_contest_entries_idx").on(
      t.contestId,
      t.status,
      t.userId,
      t.teamId,
      t.score,
      t.maxScore,
      t.durationMs,
      t.submittedAt,
      t.prediction,
      t.assistedByUserId,
      t.id,
      t.practice,
    ),
    index("attempts_user_idx").on(t.userId),
    // "Kiểm tra mã xác nhận" finds an entry by its receipt code.
    index("attempts_receipt_idx").on(t.receipt),
  ],
);

export type OptionSnapshot = { id: number; text: string; image?: Picture };

/** The questions of one attempt, frozen at start so later edits never change a score. */
export const attemptQuestions = sqliteTable(
  "attempt_questions",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "restrict" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    category: text("category").notNull(),
    prompt: text("prompt").notNull(),
    image: text("image", { mode: "json" }).$type<Picture>(),
    options: text("options", { mode: "json" }).$type<OptionSnapshot[]>().notNull(),
    /** Sorted ids of the correct options. Server-only: never selected for an open attempt. */
    correct: text("correct", { mode: "json" }).$type<number[]>().notNull(),
    explanation: text("explanation"),
    legalSource: text("legal_source"),
    points: integer("points").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.questionId] }),
    // The per-question statistics compare answers with `correct` for every entry; this keeps them
    // off the wide rows (prompt, options, explanation).
    index("attempt_questions_marking_idx").on(t.attemptId, t.questionId, t.correct),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    attemptId: text("attempt_id")
      .notNull()
      .references(() => attempts.id, { onDelete: "cascade" }),
    questionId: integer("question_id").notNull(),
    /** Sorted ids of the chosen options. */
    selected: text("selected", { mode: "json" }).$type<number[]>().notNull(),
    /** Kept for old rows; no longer used for ordering (the phone's clock decided it, decision 006). */
    seq: integer("seq").notNull(),
    /** Assigned by the server: a save made from a page that saw version N replaces version N only. */
    version: integer("version").notNull().default(0),
    savedAt: integer("saved_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const disqualifications = sqliteTable(
  "disqualifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    targetKind: text("target_kind", { enum: ["attempt", "user", "unit", "team"] }).notNull(),
    targetId: text("target_id").notNull(),
    reason: text("reason").notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedByUserId: integer("revoked_by_user_id"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    index("disqualifications_contest_idx").on(t.contestId),
    // One active disqualification per target: parallel clicks cannot stack them.
    uniqueIndex("disqualifications_active_uq")
      .on(t.contestId, t.targetKind, t.targetId)
      .where(sql`revoked_at IS NULL`),
  ],
);

/** The results frozen when the committee locks them; what is announced is exactly this. */
export const contestResults = sqliteTable("contest_results", {
  contestId: integer("contest_id")
    .primaryKey()
    .references(() => contests.id, { onDelete: "cascade" }),
  lockedAt: integer("locked_at").notNull(),
  snapshot: text("snapshot", { mode: "json" }).notNull(),
  announcedAt: integer("announced_at"),
});

/**
 * A quiz contest's statistics as last computed (decision 011), read by every
 * worker: recomputed when its entries change (a few seconds' lag at most while
 * open), once after it closes (by the sweeper).
 */
export const contestStatistics = sqliteTable("contest_statistics", {
  contestId: integer("contest_id")
    .primaryKey()
    .references(() => contests.id, { onDelete: "cascade" }),
  /** What the figures were computed from (entries, units, the contest's edits and status). */
  version: text("version").notNull(),
  computedAt: integer("computed_at").notNull(),
  /** When `version` was last compared with the entries. */
  checkedAt: integer("checked_at").notNull(),
  figures: text("figures").notNull(),
  /** The per-question table and the `version` it was computed at (stale when that differs). */
  questions: text("questions"),
  questionsVersion: text("questions_version"),
  /** A worker recomputing holds this until then; the others serve the stored figures meanwhile. */
  refreshingUntil: integer("refreshing_until"),
});

/** Committee approvals towards locking results (chair, or N of M members). */
/**
 * A dated revision of a contest's rules (sửa đổi thể lệ): a change after the
 * first entry started, with its reason, what changed and the thể lệ as amended.
 */
export const contestAmendments = sqliteTable(
  "contest_amendments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    /** Field → its value before and after, as shown to people. */
    changes: text("changes", { mode: "json" })
      .$type<{ field: string; before: string; after: string }[]>()
      .notNull(),
    rules: text("rules").notNull(),
  },
  (t) => [index("contest_amendments_contest_idx").on(t.contestId, t.at)],
);

/**
 * The committee that decides a contest's results: named members, set by an
 * admin before the contest closes and frozen from then on. Lock and reopen
 * count approvals of these members only.
 */
export const contestCommittee = sqliteTable(
  "contest_committee",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.userId] }), index("contest_committee_user_idx").on(t.userId)],
);

/** A roster member's approval to lock the results, or to reopen them (with a reason). */
export const contestApprovals = sqliteTable(
  "contest_approvals",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["lock", "reopen"] })
      .notNull()
      .default("lock"),
    reason: text("reason"),
    /** The ranking a lock approval agreed to: it counts only while the ranking is still this one. */
    rankingHash: text("ranking_hash"),
    /** The winners at that moment, to show what changed since. */
    winners: text("winners", { mode: "json" }).$type<string[]>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.userId, t.kind] })],
);

export const stageParts = sqliteTable("stage_parts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  contestId: integer("contest_id")
    .notNull()
    .references(() => contests.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  maxScore: integer("max_score").notNull(),
  scoring: text("scoring", { enum: ["judges", "knowledge"] })
    .notNull()
    .default("judges"),
  timeLimitSec: integer("time_limit_sec"),
  /** Points per started minute over, with up to one decimal (0.5): SQLite keeps such a value as REAL in this column. */
  overtimePenaltyPerMin: integer("overtime_penalty_per_min"),
  /** The shortest a performance may run (a skit of 8–15 minutes); null: no minimum. */
  minTimeSec: integer("min_time_sec"),
  /** Points per started minute under the minimum, with up to one decimal, like the overtime penalty. */
  undertimePenaltyPerMin: integer("undertime_penalty_per_min"),
  isTieBreak: integer("is_tie_break", { mode: "boolean" }).notNull().default(false),
  /** Knowledge parts: how many questions, points per right answer, and whether every team answers each question or the first to ring. */
  knowledgeQuestions: integer("knowledge_questions"),
  knowledgePoints: integer("knowledge_points"),
  knowledgeMode: text("knowledge_mode", { enum: ["all", "buzzer"] })
    .notNull()
    .default("all"),
  /** Knowledge parts: the bank's questions read in the round, in order (question N is the N-th id); null: questions read from paper. */
  knowledgeQuestionIds: text("knowledge_question_ids", { mode: "json" }).$type<number[]>(),
  /** Knowledge parts: seconds the teams have to answer a question, counted down on the projector. */
  knowledgeSeconds: integer("knowledge_seconds"),
  /** The MC's cue: the question on the projector now (null: none), when its countdown began, and when its answer was revealed. */
  knowledgeShownNo: integer("knowledge_shown_no"),
  knowledgeShownAt: integer("knowledge_shown_at"),
  knowledgeRevealedAt: integer("knowledge_revealed_at"),
  /** Set by the committee: judges can no longer save scores for this part. */
  closedAt: integer("closed_at"),
});

export const stageCriteria = sqliteTable("stage_criteria", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  partId: integer("part_id")
    .notNull()
    .references(() => stageParts.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  maxScore: integer("max_score").notNull(),
});

export const stageJudges = sqliteTable(
  "stage_judges",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.userId] })],
);

export const stageScores = sqliteTable(
  "stage_scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partId: integer("part_id")
      .notNull()
      .references(() => stageParts.id, { onDelete: "cascade" }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    judgeUserId: integer("judge_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Points per criterion id (tenths allowed, stored ×10). */
    criteria: text("criteria", { mode: "json" }).$type<Record<string, number>>().notNull(),
    totalTenths: integer("total_tenths").notNull(),
    comment: text("comment"),
    /** Kept for old rows; no longer used for ordering (decision 006). */
    seq: integer("seq").notNull().default(0),
    /** Assigned by the server: a save made from a sheet that saw version N replaces version N only. */
    version: integer("version").notNull().default(0),
    updatedAt: integer("updated_at").notNull(),
    /** `paper`: typed in by an organiser (the secretary) from the judge's signed paper sheet. */
    source: text("source", { enum: ["judge", "paper"] })
      .notNull()
      .default("judge"),
    /** Who typed a paper score in (null when the judge saved it from their own phone). */
    enteredByUserId: integer("entered_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("stage_scores_uq").on(t.partId, t.teamId, t.judgeUserId)],
);

/**
 * Timing per part and team: the timekeeper's stopwatch (server-stamped start
 * and stop), the measured duration, and the seconds over the limit and under
 * the minimum derived from it. Rows from before the stopwatch hold only
 * overtime_sec, typed in by hand.
 */
export const stagePartResults = sqliteTable(
  "stage_part_results",
  {
    partId: integer("part_id")
      .notNull()
      .references(() => stageParts.id, { onDelete: "cascade" }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    overtimeSec: integer("overtime_sec").notNull().default(0),
    undertimeSec: integer("undertime_sec").notNull().default(0),
    durationSec: integer("duration_sec"),
    /** Set by "Bắt đầu"; with stoppedAt null the clock is running. */
    startedAt: integer("started_at"),
    stoppedAt: integer("stopped_at"),
  },
  (t) => [primaryKey({ columns: [t.partId, t.teamId] })],
);

/** Knowledge parts: one row per question and team that answered it, right or wrong. */
export const stageKnowledgeMarks = sqliteTable(
  "stage_knowledge_marks",
  {
    partId: integer("part_id")
      .notNull()
      .references(() => stageParts.id, { onDelete: "cascade" }),
    questionNo: integer("question_no").notNull(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    correct: integer("correct", { mode: "boolean" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partId, t.questionNo, t.teamId] })],
);

/** Audience vote (giải khán giả bình chọn): one vote per account and contest, for one team. */
export const stageAudienceVotes = sqliteTable(
  "stage_audience_votes",
  {
    contestId: integer("contest_id")
      .notNull()
      .references(() => contests.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.userId] }), index("stage_audience_votes_team_idx").on(t.teamId)],
);

/** Append-only: rows are inserted, never updated or deleted. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actorUserId: integer("actor_user_id"),
    action: text("action").notNull(),
    entity: text("entity"),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

/**
 * Failed sign-ins, shared by every app process: per account and address pair
 * ("pair:…"), per account across addresses ("phone:…"), per address across
 * accounts ("ip:…"), and taken phones at registration ("register:…").
 * docs/decisions/004-sign-in-throttle.md
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text("key").primaryKey(),
    /** The account's phone, on its pair and account rows (so a lock can be listed and lifted). */
    phone: text("phone"),
    /** The client address, on pair and address rows. */
    address: text("address"),
    failures: integer("failures").notNull(),
    windowStart: integer("window_start").notNull(),
    lockedUntil: integer("locked_until"),
    /** Last correct sign-in of this pair: the address is known to hold the password. */
    signedInAt: integer("signed_in_at"),
  },
  (t) => [index("login_throttle_phone_idx").on(t.phone)],
);
