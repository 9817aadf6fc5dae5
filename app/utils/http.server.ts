import { data, type HeadersFunction } from "@remix-run/node";
import { z } from "zod";
import { HONEYPOT_FIELD } from "./honeypot";
import { DomainError } from "./errors";

/** Runs domain code and turns an expected failure into an HTTP error the error boundary shows. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw data({ code: error.code }, { status: error.status });
    throw error;
  }
}

/** Parses route params with zod; anything malformed is a 404, never a 500. */
export function parseParams<T extends z.ZodTypeAny>(schema: T, params: unknown): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw data({ code: "error.notFound" }, { status: 404 });
  return parsed.data;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** The client address as Express sees it (honouring TRUST_PROXY). */
    clientIp?: string;
    /** A client navigation's data request (`….data`), not a page load. */
    dataRequest?: boolean;
  }
}

/** The request's form; a body that is not a form (JSON, garbage) is a 400, never a 500. */
export async function readForm(request: Request) {
  try {
    return await request.formData();
  } catch {
    throw data({ code: "error.badRequest" }, { status: 400 });
  }
}

/**
 * Marks a file download as arrived for the page that asked for it with
 * `?dl=<token>` (components/download-links.tsx shows "making the file" until
 * then): a cookie the page's script can read, for a minute.
 */
export function markDownload(request: Request, response: Response) {
  const token = new URL(request.url).searchParams.get("dl");
  if (token && /^[a-z0-9]{1,16}$/.test(token))
    response.headers.append(
      "Set-Cookie",
      `hoithi-download=${token}; Path=/organiser; Max-Age=60; SameSite=Lax`,
    );
  return response;
}

/** A route's `headers`: passes a throttled action's Retry-After on to the page's response. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/** True when the hidden honeypot field of a public form was filled: a bot, not a person. */
export function filledHoneypot(form: FormData | Record<string, FormDataEntryValue>) {
  const value = form instanceof FormData ? form.get(HONEYPOT_FIELD) : form[HONEYPOT_FIELD];
  return typeof value === "string" && value !== "";
}
