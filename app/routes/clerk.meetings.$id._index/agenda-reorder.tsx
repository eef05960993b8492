/**
 * Reordering the agenda with JavaScript, on top of the "Move up/down" buttons that
 * post without it (progressive enhancement: nothing here renders on the server).
 *
 * - Drag an item's row onto another row at the same level: it takes that place.
 * - Or with the keyboard: "Move" picks the item up; the arrow keys (or the "Earlier"
 *   and "Later" buttons) choose the new place; "Put down" (Enter) moves it there,
 *   Escape cancels. Each step is announced in an aria-live region.
 *
 * Either way the page posts intent=reorder with the item's id and its new position
 * (1 = first among its siblings) to the agenda builder's own action, which checks it
 * (app/models/agenda-admin.server.ts `moveItemTo`). Sub-items move with their parent
 * because only siblings are ever reordered.
 */
import { useSubmit } from "@remix-run/react";
import { useEffect, useState, type DragEvent, type KeyboardEvent } from "react";

export interface ReorderItem {
  id: string;
  parentId: string | null;
  number: string;
  title: string;
}

interface Picked {
  id: string;
  /** 0-based place among its siblings the item would be put down at. */
  target: number;
}

export function useAgendaReorder(items: ReorderItem[]) {
  const submit = useSubmit();
  const [enhanced, setEnhanced] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => setEnhanced(true), []);

  const siblingsOf = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item ? items.filter((i) => i.parentId === item.parentId) : [];
  };
  const describe = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item ? `item ${item.number}, ${item.title}` : "the item";
  };
  const place = (id: string, target: number) => {
    const siblings = siblingsOf(id);
    const from = siblings.findIndex((s) => s.id === id);
    setPicked(null);
    setDragged(null);
    if (target === from || target < 0) {
      setMessage(`${capitalise(describe(id))} was not moved.`);
      return;
    }
    setMessage(
      `Moving ${describe(id)} to position ${target + 1} of ${siblings.length}.`
    );
    submit(
      { intent: "reorder", itemId: id, position: String(target + 1) },
      { method: "post" }
    );
  };

  const pickUp = (id: string) => {
    const siblings = siblingsOf(id);
    const index = siblings.findIndex((s) => s.id === id);
    setPicked({ id, target: index });
    setMessage(
      `Picked up ${describe(id)}, position ${index + 1} of ${
        siblings.length
      }. ` +
        "Use the up and down arrow keys to choose its new position, Enter to put it down, Escape to cancel."
    );
  };
  const shift = (by: number) => {
    if (!picked) return;
    const siblings = siblingsOf(picked.id);
    const target = Math.min(
      Math.max(picked.target + by, 0),
      siblings.length - 1
    );
    setPicked({ ...picked, target });
    const at = siblings[target];
    setMessage(
      `Position ${target + 1} of ${siblings.length}` +
        (at && at.id !== picked.id
          ? `, in place of item ${at.number}, ${at.title}.`
          : ", where it is now.")
    );
  };
  const cancel = () => {
    if (!picked) return;
    const id = picked.id;
    setMessage(`${capitalise(describe(id))} was not moved.`);
    setPicked(null);
    // Focus goes back to the item's Move button, which replaces the controls just removed.
    setTimeout(() => document.getElementById(`move-${id}`)?.focus(), 0);
  };

  /** Props for an item's table row: drag it, or drop another item of the same level on it. */
  const rowProps = (item: ReorderItem, className: string) => {
    if (!enhanced) return { className };
    const sameLevel = (id: string | null) =>
      id !== null &&
      id !== item.id &&
      items.find((i) => i.id === id)?.parentId === item.parentId;
    const siblings = items.filter((i) => i.parentId === item.parentId);
    const isTarget =
      picked !== null &&
      siblings[picked.target]?.id === item.id &&
      picked.id !== item.id;
    return {
      draggable: siblings.length > 1,
      className: [
        className,
        "portal-reorder__row",
        dragged === item.id || picked?.id === item.id
          ? "portal-reorder__row--moving"
          : "",
        isTarget ? "portal-reorder__row--target" : "",
      ]
        .filter(Boolean)
        .join(" "),
      onDragStart: (event: DragEvent<HTMLElement>) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
        setDragged(item.id);
      },
      onDragEnd: () => setDragged(null),
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (sameLevel(dragged)) event.preventDefault();
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        if (!dragged || !sameLevel(dragged)) return;
        event.preventDefault();
        place(
          dragged,
          siblings.findIndex((s) => s.id === item.id)
        );
      },
    };
  };

  /** The keyboard control for one item: "Move", or while it is picked up, where to put it down. */
  const moveControl = (item: ReorderItem) => {
    if (!enhanced || siblingsOf(item.id).length < 2) return null;
    const label = `${item.number} ${item.title}`;
    if (picked?.id !== item.id) {
      return (
        <button
          type="button"
          id={`move-${item.id}`}
          className="govuk-button govuk-button--secondary portal-reorder__move"
          data-module="govuk-button"
          onClick={() => pickUp(item.id)}
          disabled={picked !== null}
        >
          Move<span className="govuk-visually-hidden">: {label}</span>
        </button>
      );
    }
    const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.key === "ArrowUp") shift(-1);
      else if (event.key === "ArrowDown") shift(1);
      else if (event.key === "Escape") cancel();
      else return;
      event.preventDefault();
    };
    return (
      <span className="portal-reorder__picked">
        <button
          type="button"
          className="govuk-button portal-reorder__drop"
          data-module="govuk-button"
          onClick={() => place(item.id, picked.target)}
          onKeyDown={onKeyDown}
          autoFocus
        >
          Put down at position {picked.target + 1}
          <span className="govuk-visually-hidden">: {label}</span>
        </button>{" "}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          onClick={() => shift(-1)}
          onKeyDown={onKeyDown}
        >
          Earlier
        </button>{" "}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          onClick={() => shift(1)}
          onKeyDown={onKeyDown}
        >
          Later
        </button>{" "}
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          onClick={cancel}
          onKeyDown={onKeyDown}
        >
          Cancel
        </button>
      </span>
    );
  };

  /** Where each step is announced to screen reader users (present from the first render, so it is heard). */
  const announcer = (
    <div
      className="govuk-visually-hidden"
      aria-live="polite"
      aria-atomic="true"
    >
      {message}
    </div>
  );

  const hint = enhanced ? (
    <p className="govuk-hint">
      Drag an item onto another at the same level to put it there, or use its
      Move button and the arrow keys.
    </p>
  ) : null;

  return { rowProps, moveControl, announcer, hint };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
