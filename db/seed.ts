import { count, desc, eq } from "drizzle-orm";
import type { Database } from "./connection";
import { businesses, municipalities, postalCodes, providers, userMunicipalities, users, type Sector } from "./schema";

/** Every demo account logs in with this password (README lists the accounts). */
export const demoPassword = "Koppel-demo-2026";

const demoBusinesses: [name: string, sector: Sector, municipality: string, description: string][] = [
  ["Boekhandel De Zandloper", "retail", "Brugge", "Onafhankelijke boekhandel met een hoek voor streekauteurs."],
  ["Chocolaterie Het Belfort", "retail", "Brugge", "Ambachtelijke pralines, dagelijks vers gemaakt."],
  ["B&B De Vier Winden", "tourism", "Brugge", "Drie kamers in een herenhuis aan de reien."],
  ["Café De Vismarkt", "hospitality", "Brugge", "Bruin café met streekbieren en een zonnig terras."],
  ["Fietsen Vandenbroucke", "retail", "Kortrijk", "Verkoop en herstelling van stads- en elektrische fietsen."],
  ["Brasserie De Leie", "hospitality", "Kortrijk", "Brasserie aan de Leieboorden met Belgische klassiekers."],
  ["Modehuis Lina", "retail", "Kortrijk", "Dameskleding en accessoires van Belgische ontwerpers."],
  ["Hotel 't Groeningeveld", "tourism", "Kortrijk", "Klein stadshotel op wandelafstand van de Grote Markt."],
  ["Vishandel De Noordzee", "retail", "Oostende", "Verse vis en zeevruchten van de Oostendse vismijn."],
  ["Strandbar De Golfbreker", "hospitality", "Oostende", "Seizoensbar op het strand met lokale dranken."],
  ["Vakantiewoning Zeezicht", "tourism", "Oostende", "Appartement met zeezicht voor vier personen."],
  ["Kaashandel Roeselare", "retail", "Roeselare", "Boerenkazen uit de streek en van over de grens."],
  ["Eetcafé De Kroon", "hospitality", "Roeselare", "Dagschotels en huisbereide soep."],
  ["B&B Hoppeland", "tourism", "Poperinge", "Gastenkamers tussen de hopvelden."],
  ["Hopwinkel Poperinge", "retail", "Poperinge", "Streekproducten rond hop en bier."],
  ["Taverne De Lakenhalle", "hospitality", "Ieper", "Taverne met zicht op de Lakenhalle."],
  ["Gidsenkantoor Westhoek", "tourism", "Ieper", "Begeleide wandelingen langs het erfgoed van de Westhoek."],
  ["Bakkerij Devos", "retail", "Ieper", "Ambachtelijke bakker met eigen zuurdesem."],
  ["Camping De Duinpanne", "tourism", "De Panne", "Kleine camping aan de rand van de duinen."],
  ["Ijssalon Zonnestraal", "hospitality", "De Panne", "Huisgemaakt ijs met seizoensfruit."],
  ["Surfwinkel Noordzeewind", "retail", "Koksijde", "Surf- en strandmateriaal, ook verhuur."],
  ["Brouwerijcafé Tielt", "hospitality", "Tielt", "Café van een kleine stadsbrouwerij."],
  ["Bloemenatelier Wingene", "retail", "Wingene", "Bloemwerk en planten voor feest en rouw."],
  ["Hoeve De Mote", "tourism", "Diksmuide", "Hoevetoerisme met fietsverhuur langs de IJzer."],
  ["Restaurant De Zwaan", "hospitality", "Veurne", "Seizoenskeuken met producten uit de polders."],
  ["Speelgoedwinkel Kabouter", "retail", "Waregem", "Houten en duurzaam speelgoed."],
  ["Hotel Het Paardenhof", "tourism", "Waregem", "Hotel nabij de Gaverbeek-renbaan."],
  ["Koffiebranderij Izegem", "retail", "Izegem", "Eigen gebrande koffie en een koffiebar."],
  ["Bistro Het Scheldeke", "hospitality", "Menen", "Bistro in het centrum met wereldkeuken."],
  ["Wijnhandel Blankenberge", "retail", "Blankenberge", "Wijnen van kleine wijnbouwers en proefavonden."],
];

const demoProviders: [company: string, kind: "ict" | "marketing" | "both", founded: string, municipality: string, rateEur: number, status: "approved" | "pending"][] = [
  ["Pixelpier", "ict", "2024-03-01", "Oostende", 65, "approved"],
  ["Leiedigitaal", "both", "2022-09-15", "Kortrijk", 75, "approved"],
  ["Zandloper Media", "marketing", "2023-01-10", "Brugge", 70, "approved"],
  ["Webwerf Westhoek", "ict", "2021-05-20", "Ieper", 60, "approved"],
  ["Polderpixels", "both", "2025-02-01", "Veurne", 55, "approved"],
  ["Klik & Kassa", "ict", "2019-11-11", "Roeselare", 80, "approved"],
  ["Sociaal Succes", "marketing", "2024-06-01", "Kortrijk", 58, "approved"],
  ["Hopsite", "ict", "2023-08-08", "Poperinge", 62, "approved"],
  ["Duinstudio", "marketing", "2020-04-04", "Koksijde", 68, "approved"],
  ["Vlasbyte", "ict", "2022-02-14", "Waregem", 72, "approved"],
  ["Reienreclame", "marketing", "2018-10-01", "Brugge", 85, "approved"],
  ["Beursplein Digital", "both", "2024-10-01", "Tielt", 57, "approved"],
  ["Kustcode", "ict", "2025-04-15", "Blankenberge", 54, "approved"],
  ["Mandelmarketing", "marketing", "2021-09-09", "Izegem", 66, "approved"],
  ["Grensweb", "ict", "2023-03-03", "Menen", 61, "approved"],
  ["IJzerkracht Online", "both", "2022-12-01", "Diksmuide", 59, "approved"],
  ["Boekingsbaas", "ict", "2024-01-20", "De Panne", 63, "approved"],
  ["Wingense Webwinkels", "ict", "2025-06-01", "Wingene", 52, "pending"],
  ["Lokaal Zichtbaar", "marketing", "2025-08-01", "Roeselare", 50, "pending"],
  ["Kantelpunt Consultancy", "both", "2017-05-05", "Oostende", 90, "pending"],
];

function emailFor(name: string) {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ".")
      .replace(/^\.|\.$/g, "") + "@demo.koppel.test"
  );
}

export async function isDatabaseEmpty(db: Database) {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n === 0;
}

/**
 * Fictional demo data: an admin, staff for Brugge and Kortrijk, 30 businesses and 20 providers.
 * Takes the password hash from the caller so this file stays free of the auth module.
 */
export async function seedDemoData(db: Database, passwordHash: string) {
  const municipalityRows = await db.select().from(municipalities);
  const nisByName = new Map(municipalityRows.map((m) => [m.nameNl, m.nisCode]));
  const nis = (name: string) => {
    const code = nisByName.get(name);
    if (!code) throw new Error(`Unknown municipality in demo data: ${name}`);
    return code;
  };
  // The main postal code: the one named after the municipality, else the lowest.
  const postalRows = await db.select().from(postalCodes).orderBy(desc(postalCodes.isMunicipalityName), postalCodes.postalCode);
  const mainPostalCode = (nisCode: string) => postalRows.find((p) => p.nisCode === nisCode)!.postalCode;

  await db.transaction(async (tx) => {
    const staff = await tx
      .insert(users)
      .values([
        { name: "Programmabureau Koppel", email: "admin@demo.koppel.test", role: "admin", passwordHash },
        { name: "Stad Brugge – Economie", email: "brugge@demo.koppel.test", role: "municipality", passwordHash },
        { name: "Stad Kortrijk – Ondernemen", email: "kortrijk@demo.koppel.test", role: "municipality", passwordHash },
      ])
      .returning({ id: users.id, email: users.email });
    await tx.insert(userMunicipalities).values([
      { userId: staff[1].id, nisCode: nis("Brugge") },
      { userId: staff[2].id, nisCode: nis("Kortrijk") },
    ]);

    for (const [index, [name, sector, municipality, description]] of demoBusinesses.entries()) {
      // The first two retailers own two businesses each, as real shopkeepers sometimes do.
      const ownerEmail = index === 1 || index === 3 ? emailFor(demoBusinesses[index - 1][0]) : emailFor(name);
      let [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, ownerEmail));
      if (!owner) {
        [owner] = await tx
          .insert(users)
          .values({ name: `Eigenaar ${name}`, email: ownerEmail, role: "retailer", passwordHash })
          .returning({ id: users.id });
      }
      const nisCode = nis(municipality);
      await tx.insert(businesses).values({ ownerId: owner.id, name, sector, nisCode, postalCode: mainPostalCode(nisCode), description });
    }

    for (const [companyName, kind, foundedOn, municipality, rateEur, status] of demoProviders) {
      const [user] = await tx
        .insert(users)
        .values({ name: companyName, email: emailFor(companyName), role: "provider", passwordHash })
        .returning({ id: users.id });
      await tx.insert(providers).values({
        userId: user.id,
        companyName,
        kind,
        foundedOn,
        baseNisCode: nis(municipality),
        hourlyRateCents: rateEur * 100,
        status,
        bio: `${companyName} helpt lokale zaken in en rond ${municipality} digitaal vooruit.`,
      });
    }
  });
}
