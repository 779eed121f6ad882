import { Form } from "@remix-run/react";

/**
 * A table row's own small form, folded until asked for: what the office did by hand (a refund made,
 * a message from Stripe resolved), written in one field with a visible label, then one button.
 */
export function RowAction({
  summary,
  fields,
  note,
  submit,
  busy,
}: {
  summary: string;
  /** The hidden fields that say what the form is about: intent and id. */
  fields: Record<string, string>;
  note: { name: string; id: string; label: string; hint?: string };
  submit: string;
  busy: boolean;
}) {
  const hintId = `${note.id}-hint`;
  return (
    <details className="row-action">
      <summary>{summary}</summary>
      <Form method="post">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor={note.id}>{note.label}</label>
          <input id={note.id} name={note.name} required minLength={3} maxLength={500} aria-describedby={note.hint ? hintId : undefined} />
          {note.hint ? (
            <p className="hint" id={hintId}>
              {note.hint}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button-secondary" disabled={busy}>
          {submit}
        </button>
      </Form>
    </details>
  );
}
