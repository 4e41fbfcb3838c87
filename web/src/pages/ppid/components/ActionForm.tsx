import { useId, type FormEvent, type ReactNode } from "react";
import { ErrorAlert } from "@web/components/Alerts";
import { useAction } from "@web/hooks/useAction";

/** A titled form for one step of a case: its fields, the step's error, and its button. */
export function ActionForm<R>({
  title,
  submitLabel,
  action,
  onDone,
  children,
}: {
  title: string;
  submitLabel: string;
  action(): Promise<R>;
  onDone(result: R): void;
  children(error: unknown): ReactNode;
}) {
  const titleId = useId();
  const run = useAction(action);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run.run();
    if (result !== undefined) onDone(result);
  };
  return (
    <form className="form panel" aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h2 id={titleId}>{title}</h2>
      {children(run.error)}
      <ErrorAlert error={run.error} />
      <div className="actions">
        <button type="submit" disabled={run.busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
