import { describe, expect, it } from "vitest";
import { numberAgendaItems } from "./numbering.server";

const item = (id: string, position: number, parentId: string | null = null) => ({ id, position, parentId });

describe("numberAgendaItems", () => {
  it("numbers by position, sub-items under their parent", () => {
    const numbered = numberAgendaItems([
      item("c", 30),
      item("a", 10),
      item("b2", 2, "b"),
      item("b", 20),
      item("b1", 1, "b"),
    ]);
    expect(numbered.map((i) => `${i.number}:${i.id}`)).toEqual(["1:a", "2:b", "2.1:b1", "2.2:b2", "3:c"]);
    expect(numbered.find((i) => i.id === "b1")?.depth).toBe(1);
  });

  it("renumbers when an item is moved", () => {
    const numbered = numberAgendaItems([item("a", 2), item("b", 1)]);
    expect(numbered.map((i) => `${i.number}:${i.id}`)).toEqual(["1:b", "2:a"]);
  });

  it("numbers an orphaned sub-item at the top level rather than losing it", () => {
    const numbered = numberAgendaItems([item("a", 1), item("x", 1, "hidden")]);
    expect(numbered.map((i) => i.id).sort()).toEqual(["a", "x"]);
  });
});
