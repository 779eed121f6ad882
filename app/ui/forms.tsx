import { getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z, ZodTypeAny } from "zod";

/**
 * Conform wired to a zod schema the way every Koppel form is: the same schema the action parses
 * with, checked on blur and then as you type. Messages are i18n keys.
 */
export function useZodForm<Schema extends ZodTypeAny>(
  id: string,
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: Record<string, unknown>,
) {
  return useForm<z.input<Schema>>({
    id,
    lastResult,
    defaultValue: defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

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

/**
 * A form's errors, in the reader's language. With `focus`, they take the focus when they appear, so
 * someone scrolled down to the form (on a phone) is taken to what went wrong, right there.
 */
export function FormErrors({ errors, id, focus = false }: { errors?: string[] | null; id?: string; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus && errors?.length) ref.current?.focus();
  }, [focus, errors]);
  if (!errors?.length) return null;
  return (
    <div id={id} ref={ref} className="form-errors" role="alert" tabIndex={focus ? -1 : undefined}>
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

type PasswordField = FieldMetadata<string, Record<string, unknown>, string[]>;

/** A new password and its confirmation, with the house hint on length. */
export function NewPasswordFields({ password, confirmPassword }: { password: PasswordField; confirmPassword: PasswordField }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t("auth.newPassword")}
        hint={t("auth.passwordHint")}
        meta={password}
        input={{ ...getInputProps(password, { type: "password" }), autoComplete: "new-password" }}
      />
      <Field
        label={t("auth.confirmPassword")}
        meta={confirmPassword}
        input={{ ...getInputProps(confirmPassword, { type: "password" }), autoComplete: "new-password" }}
      />
    </>
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's field types vary with each form's schema
type AnyField = FieldMetadata<any, any, string[]>;

/** A labelled select with its errors; the options are the children. */
export function SelectField({ label, meta, children }: { label: string; meta: AnyField; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)} aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
        {children}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A labelled textarea with its errors. */
export function TextareaField({ label, meta, rows = 4, max, hint }: { label: string; meta: AnyField; rows?: number; max?: number; hint?: string }) {
  const describedBy = [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="hint" id={meta.descriptionId}>
          {hint}
        </p>
      ) : null}
      <textarea {...getTextareaProps(meta)} rows={rows} aria-describedby={describedBy || undefined} />
      <ErrorList id={meta.errorId} errors={meta.errors} params={{ max }} />
    </div>
  );
}

/** Checkboxes sharing one name, read as a list. */
export function CheckboxGroup({ legend, meta, options, grid = false }: { legend: string; meta: AnyField; options: { value: string; label: string }[]; grid?: boolean }) {
  const checked = new Set([meta.initialValue ?? []].flat().map(String));
  return (
    <fieldset aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      <div className={grid ? "checkbox-grid" : undefined}>
        {options.map((o) => (
          <label className="choice" key={o.value}>
            <input type="checkbox" name={meta.name} value={o.value} defaultChecked={checked.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
