import argon2 from "argon2";
import { createGate } from "./overload.server";

/** OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Every hash and verify of this process goes through one gate: one at a time
 * (ARGON2_CONCURRENCY), at most LOGIN_QUEUE waiting, and beyond that a
 * ServerBusyError (503) at once. So a wave of sign-ins uses at most one core
 * per worker and never starves the residents who are saving answers.
 */
const gate = createGate({
  concurrency: Number(process.env.ARGON2_CONCURRENCY ?? 1),
  maxQueue: Number(process.env.LOGIN_QUEUE ?? 32),
  retryAfterSeconds: 5,
});

/**
 * Whether a sign-in now would be refused. server.ts asks before handing a
 * sign-in or registration to Remix: in a wave of sign-ins, refusing with a
 * static page costs almost nothing, while rendering the form again for every
 * refused try cost more CPU than the hashes themselves (docs/benchmarks.md).
 */
export function passwordQueueFull() {
  return gate.full;
}

export function hashPassword(password: string) {
  return gate.run(() => argon2.hash(password, ARGON2_OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no hash (unknown phone) it verifies against a
 * dummy hash anyway, so known and unknown phones cost the same time.
 */
export async function verifyPassword(hash: string | null, password: string) {
  if (!hash) {
    dummyHash ??= hashPassword("dummy-password-for-timing").catch((error: unknown) => {
      dummyHash = undefined; // a busy gate must not leave a failed promise behind
      throw error;
    });
    const dummy = await dummyHash;
    await gate.run(() => argon2.verify(dummy, password).catch(() => false));
    return false;
  }
  return gate.run(() => argon2.verify(hash, password).catch(() => false));
}

/** Whether a stored hash was made with weaker (older) parameters and should be replaced at the next login. */
export function needsRehash(hash: string) {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}
