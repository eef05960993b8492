import { describe, expect, it } from "vitest";
import { decodePreserved, encodePreserved, preservedFields } from "./preserve";

describe("preserved form fields", () => {
  it("keep text fields in order, repeated names too, but never passwords or files", () => {
    const form = new FormData();
    form.append("title", "A question");
    form.append("priority", "1");
    form.append("priority", "2");
    form.append("newPassword", "secret");
    form.append("currentPassword", "secret");
    form.append("attachment", new Blob(["x"]), "x.txt");
    expect(preservedFields(form)).toEqual([
      ["title", "A question"],
      ["priority", "1"],
      ["priority", "2"],
    ]);
  });
  it("round-trip, and anything malformed decodes to nothing", () => {
    const fields: [string, string][] = [["body", 'Line 1\nLine "2" <b>']];
    expect(decodePreserved(encodePreserved(fields))).toEqual(fields);
    expect(decodePreserved("not json")).toEqual([]);
    expect(decodePreserved('{"a":1}')).toEqual([]);
    expect(decodePreserved('[["a"],["b",2],["password","x"],["ok","yes"]]')).toEqual([["ok", "yes"]]);
    expect(decodePreserved(undefined)).toEqual([]);
  });
});
