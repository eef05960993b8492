import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { surviveDatabaseRejections } from "./database-rejections";

describe("a promise rejected outside any request", () => {
  it("by a lost database connection is logged and the process goes on", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const target = new EventEmitter();
    surviveDatabaseRejections(target);
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
    expect(() => target.emit("unhandledRejection", reset, Promise.resolve())).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("[database] connection lost outside a request"));
    warn.mockRestore();
  });

  it("by anything else still ends the process, as Node would", () => {
    const target = new EventEmitter();
    surviveDatabaseRejections(target);
    expect(() => target.emit("unhandledRejection", new TypeError("a bug"), Promise.resolve())).toThrow("a bug");
  });
});
