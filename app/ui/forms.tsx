import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Field errors are i18n keys from the zod schemas; this turns them into sentences. */
export function ErrorList({ id, errors, params }: { id?: string; errors?: string[] | null; params?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e, params ?? {})}</li>
      ))}
    </ul>
  );
}

interface FieldMeta {
  id: string;
  errorId: string;
  descriptionId: string;
  errors?: string[];
  maxLength?: number;
}

/** A labelled input with its hint and errors wired to aria-describedby. */
export function Field({
  label,
  hint,
  meta,
  input,
}: {
  label: string;
  hint?: string;
  meta: FieldMeta;
  input: React.InputHTMLAttributes<HTMLInputElement> & { key?: string | undefined };
}) {
  const { key, ...inputProps } = input;
  const describedBy = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...inputProps} id={meta.id} aria-invalid={meta.errors?.length ? true : undefined} aria-describedby={describedBy || undefined} />
      <ErrorList id={meta.errorId} errors={meta.errors} params={{ max: meta.maxLength }} />
    </div>
  );
}

export function FormErrors({ errors, id }: { errors?: string[] | null; id?: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div className="lead">{children}</div> : null}
    </div>
  );
}
