import { describe, expect, test } from "vitest";
import { MAX_BODY_BYTES, MAX_URL_LENGTH, refuseMalformed } from "./request-guard.server";

const request = (url: string, method = "GET", headers: Record<string, string> = {}) =>
  refuseMalformed({ method, url, headers: { host: "thi.example.vn", ...headers } });

describe("refuseMalformed", () => {
  test("lets the requests the app serves through", () => {
    expect(request("/")).toBeNull();
    expect(request("/contests/cchc-2022?tab=rules&q=%C3%A1")).toBeNull();
    expect(request("/contests/cchc-2022.data?_routes=routes%2Fcontests.%24slug")).toBeNull();
    expect(request("/login", "POST", { "content-length": "120" })).toBeNull();
    expect(request("/api/attempts/abc/answers", "POST")).toBeNull();
    expect(request("/", "GET", { host: "127.0.0.1:3000" })).toBeNull();
    expect(request("/", "GET", { host: "[::1]:3000" })).toBeNull();
    expect(request("/", "GET", { host: "" })).toBeNull();
    expect(refuseMalformed({ method: "GET", url: "/", headers: {} })).toBeNull();
    expect(request("/" + "a".repeat(MAX_URL_LENGTH - 1))).toBeNull();
  });

  test("refuses Remix's ?_data requests, which a single-fetch app never makes, with 400", () => {
    expect(request("/contests/cchc-2022?_data=routes%2Fcontests.%24slug")?.status).toBe(400);
    expect(request("/?_data")?.status).toBe(400);
    expect(request("/?a=1&%5Fdata=root", "POST")?.status).toBe(400);
  });

  test("refuses methods nothing answers with 405 and an Allow header", () => {
    for (const method of [
      "PUT",
      "PATCH",
      "DELETE",
      "PROPFIND",
      "TRACE",
      "TRACK",
      "CONNECT",
      "OPTIONS",
      "FOO",
      "",
    ]) {
      const refused = request("/", method);
      expect(refused?.status, method).toBe(405);
      expect(refused?.headers.Allow).toBe("GET, HEAD, POST");
    }
  });

  test("refuses bad percent-encoding, non-path targets and over-long URLs", () => {
    expect(request("/%E0%A4%A")?.status).toBe(400);
    expect(request("/contests/%ZZ")?.status).toBe(400);
    expect(request("*", "OPTIONS")?.status).toBe(405);
    expect(request("*")?.status).toBe(400);
    expect(request("http://evil.example/")?.status).toBe(400);
    expect(request("/" + "a".repeat(MAX_URL_LENGTH))?.status).toBe(414);
  });

  test("refuses Host and X-Forwarded-Host values no URL can be built from", () => {
    expect(request("/", "GET", { host: "a b" })?.status).toBe(400);
    expect(request("/", "GET", { host: "[::1" })?.status).toBe(400);
    expect(request("/", "GET", { "x-forwarded-host": "%%%" })?.status).toBe(400);
    expect(request("/", "GET", { "x-forwarded-host": "thi.example.vn, a b" })).toBeNull();
  });

  test("refuses a body over the limit with 413, and one of unknown length with 411", () => {
    expect(request("/login", "POST", { "transfer-encoding": "chunked" })?.status).toBe(411);
    expect(request("/login", "POST", { "transfer-encoding": "chunked", "content-length": "10" })).toBeNull();
    expect(request("/login", "POST", { "content-length": String(MAX_BODY_BYTES + 1) })?.status).toBe(413);
    expect(request("/login", "POST", { "content-length": String(MAX_BODY_BYTES) })).toBeNull();
  });
});
