/** How to reach the programme office, as the office set it (/beheer/instellingen). */
export interface OfficeContact {
  email?: string;
  phone: string | null;
  address: string;
}

export function contactOf(settings: { contactEmail?: string; contactPhone: string | null; contactAddress: string }): OfficeContact {
  return { email: settings.contactEmail, phone: settings.contactPhone, address: settings.contactAddress };
}

export const hasContact = (contact: OfficeContact) => Boolean(contact.email || contact.phone || contact.address);

/** The details on one line (footer) or as a list of lines (privacy page). */
export function ContactDetails({ contact }: { contact: OfficeContact }) {
  const parts = [
    contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null,
    contact.phone ? <a href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`}>{contact.phone}</a> : null,
    contact.address || null,
  ].filter(Boolean);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i} className="contact-part">
          {i > 0 ? " · " : null}
          {part}
        </span>
      ))}
    </>
  );
}
