import argon2 from "argon2";

/** OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string) {
  return argon2.hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no hash (unknown phone) it verifies against a
 * dummy hash anyway, so known and unknown phones cost the same time.
 */
export async function verifyPassword(hash: string | null, password: string) {
  if (!hash) {
    dummyHash ??= hashPassword("dummy-password-for-timing");
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** Whether a stored hash was made with weaker (older) parameters and should be replaced at the next login. */
export function needsRehash(hash: string) {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}
