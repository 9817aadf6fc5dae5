/**
 * Who may do what: the one permission matrix of Hội Thi (docs/security.md).
 *
 * Every model function that changes data takes the acting user and calls
 * `authorize` first, so routes, the admin command line and any later caller
 * are held to the same rules. Routes also call `requireRole` for the page;
 * hiding a button is cosmetic only.
 *
 * Account actions name the role of the account they touch
 * (`account.reset:judge`): an organiser manages residents and judges, only an
 * admin manages organiser, committee and admin accounts. Per-contest rules
 * that a role alone cannot decide (a committee member must be on that
 * contest's roster, a judge assigned to that stage contest) are checked by the
 * model on top of this matrix.
 */
import type { Role } from "#db/schema";
import { DomainError } from "./errors";

const ACCOUNT_VERBS = ["create", "reset", "resetCode", "disable", "role", "unlock"] as const;
type AccountVerb = (typeof ACCOUNT_VERBS)[number];
export type AccountAction = `account.${AccountVerb}:${Role}`;

export type Action =
  | AccountAction
  | "account.list"
  | "account.assist"
  | "session.own"
  | "account.own"
  | "attempt.take"
  | "unit.manage"
  | "question.manage"
  | "contest.create"
  | "contest.edit"
  | "contest.amend"
  | "contest.publish"
  | "contest.roster"
  | "team.manage"
  | "stage.setup"
  | "stage.mark"
  | "stage.score"
  | "stage.paper"
  | "stage.closePart"
  | "stage.decideTie"
  | "stage.vote"
  | "results.review"
  | "results.disqualify"
  | "results.approve"
  | "results.announce"
  | "results.reopen"
  | "stats.read"
  | "audit.read"
  | "audit.readContest";

/** The person acting. The admin command line acts as `COMMAND_LINE` (whoever holds the server holds the data). */
export type Actor = { id: number | null; role: Role };
export const COMMAND_LINE: Actor = { id: null, role: "admin" };

const accountActions = (verbs: readonly AccountVerb[], roles: readonly Role[]) =>
  verbs.flatMap((verb) => roles.map((role): AccountAction => `account.${verb}:${role}`));

// "stage.vote": the audience vote of a stage contest, one vote per account, whatever its role.
const EVERYONE: Action[] = ["session.own", "account.own", "attempt.take", "stage.vote"];

const ORGANISER: Action[] = [
  ...EVERYONE,
  ...accountActions(ACCOUNT_VERBS, ["resident", "judge"]),
  "account.list",
  "account.assist",
  "unit.manage",
  "question.manage",
  "contest.create",
  "contest.edit",
  "contest.amend",
  "contest.publish",
  "team.manage",
  "stage.setup",
  "stage.mark",
  // The secretary types in a judge's signed paper sheet (the judge's own rules, the organiser's hand).
  "stage.paper",
  "stats.read",
  "audit.read",
  "audit.readContest",
];

const COMMITTEE: Action[] = [
  ...EVERYONE,
  "results.review",
  "results.disqualify",
  "results.approve",
  "results.announce",
  "results.reopen",
  "stage.closePart",
  "stage.decideTie",
  "stats.read",
  "audit.readContest",
];

const ADMIN: Action[] = [
  ...new Set<Action>([
    ...ORGANISER,
    ...COMMITTEE,
    ...accountActions(ACCOUNT_VERBS, ["resident", "judge", "organiser", "committee", "admin"]),
    "contest.roster",
    "stage.score",
  ]),
];

export const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  resident: new Set(EVERYONE),
  judge: new Set<Action>([...EVERYONE, "stage.score"]),
  organiser: new Set(ORGANISER),
  committee: new Set(COMMITTEE),
  admin: new Set(ADMIN),
};

export function can(actor: Pick<Actor, "role"> | null | undefined, action: Action) {
  return !!actor && PERMISSIONS[actor.role].has(action);
}

/** Throws 403 unless the actor's role may take the action. */
export function authorize(actor: Actor, action: Action) {
  if (!can(actor, action)) throw new DomainError("error.forbidden", 403);
}

/** Every role an actor may hand out or manage with `verb`, in the matrix's order. */
export function manageableRoles(actor: Pick<Actor, "role">, verb: AccountVerb): Role[] {
  const roles: Role[] = ["resident", "judge", "organiser", "committee", "admin"];
  return roles.filter((role) => can(actor, `account.${verb}:${role}`));
}
