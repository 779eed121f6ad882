import { useTranslation } from "react-i18next";
import type { DigitalPresence, OpeningHours } from "~db/schema";
import { publicLinks } from "~/modules/profiles/schema-org";
import { weekdays } from "~/modules/profiles/taxonomy";

/** A week of opening hours as a table; a day without ranges reads "closed". */
export function OpeningHoursTable({ hours, caption }: { hours: OpeningHours; caption?: string }) {
  const { t } = useTranslation();
  return (
    <table className="opening-hours">
      {caption ? <caption>{caption}</caption> : null}
      <tbody>
        {weekdays.map((day) => {
          const ranges = hours[day] ?? [];
          return (
            <tr key={day}>
              <th scope="row">{t(`weekdays.${day}`)}</th>
              <td>{ranges.length ? ranges.map((r) => `${r.open}–${r.close}`).join(", ") : t("business.closed")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Website, webshop and social media links a business lists; outside links carry no referrer. */
export function PresenceLinks({ presence, label }: { presence: DigitalPresence; label?: string }) {
  const { t } = useTranslation();
  const links = publicLinks(presence);
  if (links.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label}>
      {links.map(({ channel, url }) => (
        <li key={channel}>
          <a href={url} rel="nofollow noopener noreferrer">
            {t(`presence.${channel}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}
