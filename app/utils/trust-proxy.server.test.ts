import express from "express";
import { describe, expect, test } from "vitest";
import { parseTrustProxy, TrustProxyError } from "./trust-proxy.server";

/** Express's compiled check: is the address at hop i (0 = the one that connected) trusted? */
function trustFn(value: string) {
  const app = express();
  app.set("trust proxy", parseTrustProxy(value));
  return app.get("trust proxy fn") as (address: string, hop: number) => boolean;
}

describe("parseTrustProxy", () => {
  test("reads true and false in any case, and unset or empty as false", () => {
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy(" TRUE ")).toBe(true);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("False")).toBe(false);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("  ")).toBe(false);
  });

  test("reads a whole number as the number of proxies to trust, not as an address", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("0")).toBe(0);
    const one = trustFn("1");
    // One hop: whoever connected (the proxy) is trusted, whatever its address; the hop before it is not.
    expect(one("10.1.2.3", 0)).toBe(true);
    expect(one("127.0.0.1", 1)).toBe(false);
  });

  test("reads addresses, subnets, netmasks and the range names Express knows", () => {
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    expect(parseTrustProxy("Loopback, linklocal,uniquelocal")).toEqual([
      "loopback",
      "linklocal",
      "uniquelocal",
    ]);
    expect(parseTrustProxy("10.0.0.1, 192.168.0.0/16, fc00::/7, ::1, 172.16.0.0/255.240.0.0")).toEqual([
      "10.0.0.1",
      "192.168.0.0/16",
      "fc00::/7",
      "::1",
      "172.16.0.0/255.240.0.0",
    ]);
    const lan = trustFn("loopback, 192.168.0.0/16");
    expect(lan("127.0.0.1", 0)).toBe(true);
    expect(lan("192.168.4.5", 0)).toBe(true);
    expect(lan("203.0.113.9", 0)).toBe(false);
  });

  test("every value it accepts is one Express compiles", () => {
    for (const value of [
      "true",
      "false",
      "1",
      "3",
      "loopback",
      "::ffff:10.0.0.0/104",
      "10.0.0.0/1",
      "fe80::/10",
      "0.0.0.0/255.0.0.0",
    ]) {
      expect(() => trustFn(value), value).not.toThrow();
    }
  });

  test("refuses anything else with a one-line message that names the value and the accepted forms", () => {
    for (const value of [
      "yes",
      "on",
      "-1",
      "1.5",
      "10.0.0.0/33",
      "fc00::/129",
      "10.0.0.0/255.0.255.0",
      "10.0.0.0/0",
      "10.0.0.0/0.0.0.0",
      "loopback,",
      "a b",
      "localhost",
    ]) {
      let error: unknown;
      try {
        parseTrustProxy(value);
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(TrustProxyError);
      const message = (error as Error).message;
      expect(message).not.toContain("\n");
      expect(message).toContain("TRUST_PROXY");
      expect(message).toContain("a number of proxies");
    }
    expect(() => parseTrustProxy("99999999999999999999")).toThrow(TrustProxyError);
  });
});
