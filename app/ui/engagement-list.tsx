import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface EngagementSummary {
  id: string;
  state: string;
  title: string;
  businessName: string;
  providerName: string;
}

/**
 * Engagements as cards: what, with whom, the phase, and the one thing the viewer can do or is
 * waiting for now (`engagements.nextStep.<role>.<state>`).
 */
export function EngagementList({ engagements, role, headingLevel = 3 }: { engagements: EngagementSummary[]; role: "retailer" | "provider" | "admin"; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards">
      {engagements.map((e) => (
        <li key={e.id} className="card">
          <Heading>
            <Link to={`/trajecten/${e.id}`}>{e.title}</Link>
          </Heading>
          <p>
            {e.businessName} · {e.providerName}
          </p>
          <p>
            <strong>{t(`engagements.states.${e.state}`)}</strong>
          </p>
          <p className="next-step">{t(`engagements.nextStep.${role}.${e.state}`, { provider: e.providerName, business: e.businessName })}</p>
        </li>
      ))}
    </ul>
  );
}

/** A dashboard's engagements section: the latest few with their next step, or what starts one. */
export function DashboardEngagements({ engagements, role }: { engagements: EngagementSummary[]; role: "retailer" | "provider" }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("dashboards.yourEngagements")}</h2>
      {engagements.length ? (
        <>
          <EngagementList engagements={engagements} role={role} />
          <p>
            <Link to="/trajecten">{t("dashboards.allEngagements")}</Link>
          </p>
        </>
      ) : (
        <p>{t(role === "retailer" ? "dashboards.noEngagements" : "dashboards.noEngagementsProvider")}</p>
      )}
    </>
  );
}
