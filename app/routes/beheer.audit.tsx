import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/format";
import { getLocale } from "~/lib/i18n/locale.server";
import { requireRole } from "~/modules/auth/index.server";
import { IsoDateSchema } from "~/modules/profiles/schemas";
import { auditEntityNames, listAuditEntityTypes, listAuditEvents, type AuditEntityName } from "~/modules/reporting/index.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { PeriodFilterEnd } from "~/ui/filters";
import { PageHeader } from "~/ui/forms";
import { Table } from "~/ui/table";
import { detailsInWords, entityInWords, stateInWords } from "~/modules/reporting/audit-words";

/** Filters from the query string; a malformed one is dropped rather than refused. */
const FilterSchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  entity: z.string().trim().max(60).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  from: IsoDateSchema.optional().catch(undefined),
  until: IsoDateSchema.optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const search = new URL(request.url).searchParams;
  const filter = FilterSchema.parse(Object.fromEntries([...search.entries()].filter(([, v]) => v !== "")));
  const [page, entityTypes, locale] = await Promise.all([
    listAuditEvents({ actor: filter.actor, entityType: filter.entity, action: filter.action, from: filter.from, until: filter.until, before: filter.before }),
    listAuditEntityTypes(),
    getLocale(request, admin),
  ]);
  const names = await auditEntityNames(page.events);
  return json({ filter, ...page, names: Object.fromEntries(names), entityTypes, locale });
}

export default function AuditLogPage() {
  const { t } = useTranslation();
  const { filter, events, nextBefore, names, entityTypes, locale } = useLoaderData<typeof loader>();
  const location = useLocation();
  const older = new URLSearchParams(location.search);
  if (nextBefore) older.set("before", String(nextBefore));
  return (
    <div className="wide-table">
      <PageHeader title={t("audit.title")}>{t("audit.intro")}</PageHeader>
      <Form method="get" className="inline-form" aria-label={t("office.filters")}>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <input id="audit-actor" name="actor" type="search" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t("audit.entity")}</label>
          <select id="audit-entity" name="entity" defaultValue={filter.entity ?? ""}>
            <option value="">{t("audit.allEntities")}</option>
            {entityTypes.map((e) => (
              <option key={e} value={e}>
                {entityInWords(t, e)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <input id="audit-action" name="action" type="search" defaultValue={filter.action ?? ""} />
        </div>
        <PeriodFilterEnd idPrefix="audit" from={filter.from} until={filter.until} />
      </Form>
      {events.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <Table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.change")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt, locale)}</td>
                  {/* The name first; the address below it, broken only after its @. */}
                  <td>
                    {e.actorEmail ? (
                      <>
                        {e.actorName}
                        <br />
                        <span className="hint">
                          {e.actorEmail.split("@")[0]}@<wbr />
                          {e.actorEmail.split("@").slice(1).join("@")}
                        </span>
                      </>
                    ) : (
                      t("audit.system")
                    )}
                  </td>
                  {/* The action in words; the code stays in the CSV export's own column and the filter. */}
                  <th scope="row" title={e.action}>
                    {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
                  </th>
                  <td title={e.entityType}>
                    {entityInWords(t, e.entityType)}
                    <br />
                    <EntityName name={names[`${e.entityType}:${e.entityId}`]} id={e.entityId} />
                  </td>
                  <td>{e.fromState || e.toState ? `${stateInWords(t, e.entityType, e.fromState)} → ${stateInWords(t, e.entityType, e.toState)}` : ""}</td>
                  <td>
                    {e.reason ? <p>{e.reason}</p> : null}
                    {detailsInWords(t, locale, e.data as Record<string, unknown> | null).map((line) => (
                      <p key={line} className="audit-data">
                        {line}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
      )}
      {nextBefore ? (
        <p>
          <Link to={`?${older.toString()}`}>{t("audit.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** What a line is about, by name (linked where the office can open it), else its short id. */
function EntityName({ name, id }: { name?: AuditEntityName; id: string }) {
  const { t } = useTranslation();
  if (!name) return <code>{id.slice(0, 8)}</code>;
  const text = name.phase ? `${t(`requests.${name.phase}`)} · ${name.name}` : name.name;
  return name.href ? <Link to={name.href}>{text}</Link> : <>{text}</>;
}

export const meta: MetaFunction = () => [{ title: "Auditlog – Beheer – Koppel" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
