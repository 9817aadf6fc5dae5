import type { MessageKey } from "./i18n";

/**
 * An expected failure a user can cause: it carries an HTTP status and the
 * i18n key of the message to show. Routes turn it into a Response.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: MessageKey,
    public readonly status: 400 | 403 | 404 | 409 | 422 | 429 = 400,
  ) {
    super(code);
    this.name = "DomainError";
  }
}
