import type { MessageKey } from "./i18n";

/**
 * An expected failure a user can cause: it carries an HTTP status, the
 * i18n key of the message to show and, when the message names something
 * ({name}, {team}), its values. Routes turn it into a Response.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: MessageKey,
    public readonly status: 400 | 403 | 404 | 409 | 422 | 429 = 400,
    public readonly vars?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "DomainError";
  }
}
