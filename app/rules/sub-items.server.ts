/**
 * Which agenda item another may be part of (issue 16, item 5). An agenda has two
 * levels: main items and their sub-items (numbered 2.1, 2.2 by numbering.server.ts).
 * - an item cannot be part of itself;
 * - it can be part only of an item of the same meeting;
 * - a sub-item cannot have sub-items: the chosen item must be a main item, and an
 *   item that has sub-items of its own cannot become a sub-item.
 * Answers the message shown beside the "Part of" field, or null when allowed.
 */
export interface ItemPlace {
  id: string;
  meetingId: string;
  parentId: string | null;
}

export function subItemProblem(item: ItemPlace & { subItemCount: number }, parent: ItemPlace | null): string | null {
  if (!parent) return null;
  if (parent.id === item.id) return "An item cannot be part of itself";
  if (parent.meetingId !== item.meetingId) return "Select an item of this meeting";
  if (parent.parentId) return "Sub-items go under a main item, not under another sub-item";
  if (item.subItemCount > 0) {
    return `This item has ${item.subItemCount === 1 ? "a sub-item" : `${item.subItemCount} sub-items`} of its own, and a sub-item cannot have sub-items: move ${item.subItemCount === 1 ? "it" : "them"} out first`;
  }
  return null;
}
