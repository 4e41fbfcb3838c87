import { useEffect, useRef, useState } from "react";
import { FieldGroup } from "@web/components/Field";
import { useI18n } from "@web/i18n";
import type { Attachment } from "./AttachmentFields";
import { FieldControl } from "./FieldControl";
import type { ListSpec } from "./entryLists";

type Row = Record<string, unknown>;
/** A change to the rows, given the rows as they are when the change lands. */
export type RowsUpdate = (rows: Row[]) => Row[];

type ListEditorProps<R> = {
  spec: ListSpec<R>;
  rows: readonly Row[];
  onChange(update: RowsUpdate): void;
  /** Problems by "<index>.<column>", and the list's own under "". */
  errors: Record<string, string>;
  unitId: string;
  attachments: Record<string, Attachment>;
  onAttach(id: string, attachment: Attachment): void;
};

let lastKey = 0;
const newKey = () => `row-${++lastKey}`;

/**
 * The rows of one list inside an entry (leaders, products, revisions, stages, budget lines): add,
 * edit, remove, and move up or down where order means something. Each row is a group of the
 * list's columns, named "Tahap 2" and so on.
 */
export function ListEditor<R>({ spec, rows, onChange, errors, unitId, attachments, onAttach }: ListEditorProps<R>) {
  const { t } = useI18n();
  // Each row keeps a key of its own while rows move, so a row's inputs (and an upload under way)
  // stay with it; edits find their row by key when they land.
  const keys = useRef<string[]>([]);
  if (keys.current.length !== rows.length)
    keys.current = rows.map((_, index) => keys.current[index] ?? newKey()).slice(0, rows.length);
  const [focus, setFocus] = useState<{ key: string; control: string } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // After adding or moving a row, the keyboard stays with it.
  useEffect(() => {
    if (!focus) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-key="${focus.key}"]`);
    row?.querySelector<HTMLElement>(focus.control)?.focus();
    setFocus(null);
  }, [focus]);

  const updateRow = (key: string, update: (row: Row) => Row) =>
    onChange((current) => current.map((row, index) => (keys.current[index] === key ? update(row) : row)));
  const add = () => {
    const key = newKey();
    keys.current = [...keys.current, key];
    onChange((current) => [...current, spec.newRow(current as Partial<R>[]) as Row]);
    setFocus({ key, control: "input, select, textarea" });
  };
  const remove = (key: string) => {
    const index = keys.current.indexOf(key);
    keys.current = keys.current.filter((k) => k !== key);
    onChange((current) => current.filter((_, i) => i !== index));
  };
  const move = (key: string, by: -1 | 1) => {
    const from = keys.current.indexOf(key);
    const to = from + by;
    const swap = <T,>(list: T[]) => {
      const next = [...list];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    };
    keys.current = swap(keys.current);
    onChange(swap);
    setFocus({ key, control: `[data-move="${by}"]` });
  };

  const full = rows.length >= spec.maxRows;
  return (
    <FieldGroup legend={t(spec.label)} error={errors[""]} className="list-editor">
      {rows.length === 0 && <p className="muted">{t("sites.list.empty")}</p>}
      <ol className="list-editor__rows" ref={listRef}>
        {rows.map((row, index) => {
          const key = keys.current[index]!;
          const name = t(spec.rowLabel, { n: index + 1 });
          return (
            <li key={key} data-row-key={key}>
              <FieldGroup legend={name} className="list-editor__row">
                <div className="list-editor__cells">
                  {spec.columns.map((column) => (
                    <div key={column.path} className={`list-editor__cell list-editor__cell--${column.type}`}>
                      <FieldControl
                        spec={column}
                        value={row[column.path]}
                        onChange={(update) =>
                          updateRow(key, (current) => ({ ...current, [column.path]: update(current[column.path]) }))
                        }
                        error={errors[`${index}.${column.path}`]}
                        unitId={unitId}
                        attachments={attachments}
                        onAttach={onAttach}
                      />
                    </div>
                  ))}
                </div>
                <div className="actions">
                  {spec.reorderable && (
                    <>
                      <button
                        type="button"
                        className="button--secondary"
                        data-move="-1"
                        disabled={index === 0}
                        aria-label={t("sites.list.moveUp", { row: name })}
                        onClick={() => move(key, -1)}
                      >
                        <span aria-hidden="true">↑</span> {t("sites.list.up")}
                      </button>
                      <button
                        type="button"
                        className="button--secondary"
                        data-move="1"
                        disabled={index === rows.length - 1}
                        aria-label={t("sites.list.moveDown", { row: name })}
                        onClick={() => move(key, 1)}
                      >
                        <span aria-hidden="true">↓</span> {t("sites.list.down")}
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="button--secondary"
                    aria-label={t("sites.list.removeRow", { row: name })}
                    onClick={() => remove(key)}
                  >
                    {t("sites.list.remove")}
                  </button>
                </div>
              </FieldGroup>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" className="button--secondary" disabled={full} onClick={add}>
          <span aria-hidden="true">+</span> {t(spec.addLabel)}
        </button>
        {full && <span className="muted">{t("sites.list.full", { max: spec.maxRows })}</span>}
      </div>
    </FieldGroup>
  );
}
