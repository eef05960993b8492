/**
 * Agenda item numbers (1, 2, 2.1 ...) are derived from the clerk's order, never
 * stored or typed. This is the only place they are computed.
 */
export interface Orderable {
  id: string;
  parentId: string | null;
  position: number;
}

/** Numbers for the given items, in agenda order; children follow their parent. */
export function numberAgendaItems<T extends Orderable>(items: T[]): (T & { number: string; depth: number })[] {
  const children = new Map<string | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    // A sub-item whose parent is not visible is numbered at the top level.
    const key = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    const list = children.get(key) ?? [];
    list.push(item);
    children.set(key, list);
  }
  const out: (T & { number: string; depth: number })[] = [];
  const walk = (parent: string | null, prefix: string, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    list.forEach((item, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      out.push({ ...item, number, depth });
      walk(item.id, number, depth + 1);
    });
  };
  walk(null, "", 0);
  return out;
}
