import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/format";
import type { Locale } from "~/lib/i18n";
import { FormErrors } from "./forms";

type Message = { id: number; body: string; createdAt: string | Date; author: string };

/**
 * A conversation and the form to add to it: the engagement's messages, and the questions to a bidder
 * before hiring. `fields` are the hidden inputs that say where the message goes (intent, bid); the
 * form is keyed by the thread's length so it empties once the message is in. Without `label` the
 * thread is read-only.
 */
export function MessageThread({
  id,
  messages,
  locale,
  empty,
  label,
  fields,
  errors,
  busy,
  children,
}: {
  id: string;
  messages: Message[];
  locale: Locale;
  empty?: string;
  label?: string;
  fields?: Record<string, string>;
  errors?: string[] | null;
  busy?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {messages.length === 0 && empty ? <p>{empty}</p> : null}
      {messages.length ? (
        <ul className="messages">
          {messages.map((m) => (
            <li key={m.id}>
              <p className="hint">
                {m.author} · {formatDateTime(m.createdAt, locale)}
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {label ? (
        <Form method="post" key={`${id}-${messages.length}`}>
          <FormErrors errors={errors} focus />
          {Object.entries(fields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="field">
            <label htmlFor={id}>{label}</label>
            <textarea id={id} name="body" rows={3} required maxLength={5000} />
          </div>
          <button type="submit" disabled={busy}>
            {t("workspace.send")}
          </button>
        </Form>
      ) : (
        children
      )}
    </>
  );
}
