import { describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { freePort } from "../../tests/sqld/sqld";
import { isStorageUnavailable } from "./storage-errors.server";

describe("storage failures", () => {
  it("include a database server that cannot be reached, so residents get 503 and try again", async () => {
    const { client } = await openDatabase(`http://127.0.0.1:${await freePort()}`);
    const error = await client.execute("SELECT 1").then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStorageUnavailable(error)).toBe(true);
  });

  it("leave out a refused sign-in to the database server, a configuration error to fix", () => {
    const error = new Error("SERVER_ERROR: Server returned HTTP status 401", {
      cause: new Error("Server returned HTTP status 401"),
    });
    expect(isStorageUnavailable(error)).toBe(false);
    expect(isStorageUnavailable(new Error("Server returned HTTP status 502"))).toBe(true);
  });
});
