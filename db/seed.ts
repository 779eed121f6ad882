import { count, desc, eq } from "drizzle-orm";
import { enterpriseCheckDigits } from "../app/modules/profiles/enterprise-number";
import type { Database, Transaction } from "./connection";
import { slugify } from "./reference";
import { defaultSettings } from "../app/modules/settings/snapshot";
import { billingMandateVersion } from "../app/modules/profiles/taxonomy";
import { businesses, campaignEditions, campaignParticipants, municipalities, postalCodes, programmes, providers, settings, userMunicipalities, users, type Sector } from "./schema";

/** Every demo account logs in with this password (README lists the accounts). */
export const demoPassword = "Koppel-demo-2026";

const demoBusinesses: [name: string, naceCode: string, sector: Sector, municipality: string, description: string][] = [
  ["Boekhandel De Zandloper", "47610", "retail", "Brugge", "Onafhankelijke boekhandel met een hoek voor streekauteurs."],
  ["Chocolaterie Het Belfort", "47242", "retail", "Brugge", "Ambachtelijke pralines, dagelijks vers gemaakt."],
  ["B&B De Vier Winden", "55204", "tourism", "Brugge", "Drie kamers in een herenhuis aan de reien."],
  ["Café De Vismarkt", "56301", "hospitality", "Brugge", "Bruin café met streekbieren en een zonnig terras."],
  ["Fietsen Vandenbroucke", "47632", "retail", "Kortrijk", "Verkoop en herstelling van stads- en elektrische fietsen."],
  ["Brasserie De Leie", "56111", "hospitality", "Kortrijk", "Brasserie aan de Leieboorden met Belgische klassiekers."],
  ["Modehuis Lina", "47711", "retail", "Kortrijk", "Dameskleding en accessoires van Belgische ontwerpers."],
  ["Hotel 't Groeningeveld", "55100", "tourism", "Kortrijk", "Klein stadshotel op wandelafstand van de Grote Markt."],
  ["Vishandel De Noordzee", "47230", "retail", "Oostende", "Verse vis en zeevruchten van de Oostendse vismijn."],
  ["Strandbar De Golfbreker", "56301", "hospitality", "Oostende", "Seizoensbar op het strand met lokale dranken."],
  ["Vakantiewoning Zeezicht", "55209", "tourism", "Oostende", "Appartement met zeezicht voor vier personen."],
  ["Kaashandel Roeselare", "47279", "retail", "Roeselare", "Boerenkazen uit de streek en van over de grens."],
  ["Eetcafé De Kroon", "56111", "hospitality", "Roeselare", "Dagschotels en huisbereide soep."],
  ["B&B Hoppeland", "55204", "tourism", "Poperinge", "Gastenkamers tussen de hopvelden."],
  ["Hopwinkel Poperinge", "47784", "retail", "Poperinge", "Streekproducten rond hop en bier."],
  ["Taverne De Lakenhalle", "56111", "hospitality", "Ieper", "Taverne met zicht op de Lakenhalle."],
  ["Gidsenkantoor Westhoek", "79901", "tourism", "Ieper", "Begeleide wandelingen langs het erfgoed van de Westhoek."],
  ["Bakkerij Devos", "47241", "retail", "Ieper", "Ambachtelijke bakker met eigen zuurdesem."],
  ["Camping De Duinpanne", "55300", "tourism", "De Panne", "Kleine camping aan de rand van de duinen."],
  ["Ijssalon Zonnestraal", "56112", "hospitality", "De Panne", "Huisgemaakt ijs met seizoensfruit."],
  ["Surfwinkel Noordzeewind", "47639", "retail", "Koksijde", "Surf- en strandmateriaal, ook verhuur."],
  ["Brouwerijcafé Tielt", "56301", "hospitality", "Tielt", "Café van een kleine stadsbrouwerij."],
  ["Bloemenatelier Wingene", "47761", "retail", "Wingene", "Bloemwerk en planten voor feest en rouw."],
  ["Hoeve De Mote", "55203", "tourism", "Diksmuide", "Hoevetoerisme met fietsverhuur langs de IJzer."],
  ["Restaurant De Zwaan", "56111", "hospitality", "Veurne", "Seizoenskeuken met producten uit de polders."],
  ["Speelgoedwinkel Kabouter", "47640", "retail", "Waregem", "Houten en duurzaam speelgoed."],
  ["Hotel Het Paardenhof", "55100", "tourism", "Waregem", "Hotel nabij de Gaverbeek-renbaan."],
  ["Koffiebranderij Izegem", "47279", "retail", "Izegem", "Eigen gebrande koffie en een koffiebar."],
  ["Bistro Het Scheldeke", "56111", "hospitality", "Menen", "Bistro in het centrum met wereldkeuken."],
  ["Wijnhandel Blankenberge", "47251", "retail", "Blankenberge", "Wijnen van kleine wijnbouwers en proefavonden."],
];

type DemoProvider = [
  company: string,
  kind: "ict" | "marketing" | "both",
  foundedOn: string,
  municipality: string,
  rateEur: number,
  status: "approved" | "pending",
  services: string[],
  sectors: Sector[],
  radiusKm: number,
];

/** Demo providers under the small-enterprise VAT exemption (no VAT on their prices and invoices). */
const smallEnterprises = new Set(["Polderpixels", "Kustcode", "Wingense Webwinkels"]);

const demoProviders: DemoProvider[] = [
  ["Pixelpier", "ict", "2024-03-01", "Oostende", 65, "approved", ["website", "webshop", "seo_sea", "analytics"], ["retail", "hospitality"], 30],
  ["Leiedigitaal", "both", "2022-09-15", "Kortrijk", 75, "approved", ["website", "social_media", "digital_strategy", "google_business_profile"], ["retail", "tourism", "hospitality"], 40],
  ["Zandloper Media", "marketing", "2023-01-10", "Brugge", 70, "approved", ["social_media", "content_photo_video", "email_marketing"], ["retail", "tourism"], 35],
  ["Webwerf Westhoek", "ict", "2021-05-20", "Ieper", 60, "approved", ["website", "online_booking", "cybersecurity_basics"], ["tourism", "hospitality"], 50],
  ["Polderpixels", "both", "2025-02-01", "Veurne", 55, "approved", ["website", "google_business_profile", "reviews_reputation", "social_media"], ["tourism", "hospitality"], 30],
  ["Klik & Kassa", "ict", "2019-11-11", "Roeselare", 80, "approved", ["pos_integration", "online_payments", "click_and_collect", "webshop"], ["retail", "hospitality"], 60],
  ["Sociaal Succes", "marketing", "2024-06-01", "Kortrijk", 58, "approved", ["social_media", "reviews_reputation", "content_photo_video"], ["retail", "hospitality"], 25],
  ["Hopsite", "ict", "2023-08-08", "Poperinge", 62, "approved", ["website", "online_booking", "seo_sea"], ["tourism", "hospitality"], 40],
  ["Duinstudio", "marketing", "2020-04-04", "Koksijde", 68, "approved", ["content_photo_video", "social_media", "email_marketing"], ["tourism"], 45],
  ["Vlasbyte", "ict", "2022-02-14", "Waregem", 72, "approved", ["webshop", "analytics", "cybersecurity_basics", "online_payments"], ["retail"], 35],
  ["Reienreclame", "marketing", "2018-10-01", "Brugge", 85, "approved", ["seo_sea", "digital_strategy", "google_business_profile", "analytics"], ["retail", "tourism", "hospitality"], 60],
  ["Beursplein Digital", "both", "2024-10-01", "Tielt", 57, "approved", ["website", "webshop", "social_media"], ["retail"], 30],
  ["Kustcode", "ict", "2025-04-15", "Blankenberge", 54, "approved", ["website", "online_booking", "online_payments"], ["tourism", "hospitality"], 35],
  ["Mandelmarketing", "marketing", "2021-09-09", "Izegem", 66, "approved", ["email_marketing", "social_media", "digital_strategy"], ["retail", "hospitality"], 30],
  ["Grensweb", "ict", "2023-03-03", "Menen", 61, "approved", ["website", "seo_sea", "cybersecurity_basics"], ["retail"], 25],
  ["IJzerkracht Online", "both", "2022-12-01", "Diksmuide", 59, "approved", ["google_business_profile", "reviews_reputation", "website"], ["tourism", "hospitality"], 40],
  ["Boekingsbaas", "ict", "2024-01-20", "De Panne", 63, "approved", ["online_booking", "online_payments", "website"], ["tourism"], 50],
  ["Wingense Webwinkels", "ict", "2025-06-01", "Wingene", 52, "pending", ["webshop", "click_and_collect"], ["retail"], 25],
  ["Lokaal Zichtbaar", "marketing", "2025-08-01", "Roeselare", 50, "pending", ["google_business_profile", "social_media"], ["retail", "hospitality"], 20],
  ["Kantelpunt Consultancy", "both", "2017-05-05", "Oostende", 90, "pending", ["digital_strategy", "analytics"], ["retail", "tourism", "hospitality"], 80],
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
 * Fictional demo data: an admin, staff for Brugge and Kortrijk, 30 businesses, 20 providers, and a
 * running ZomerInWestVlaanderen edition with nine participants.
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
  const mainPostal = (nisCode: string) => postalRows.find((p) => p.nisCode === nisCode)!;
  let enterpriseSequence = 0;
  // Valid-looking but fictional enterprise numbers, from a range the KBO has not handed out.
  const nextEnterpriseNumber = () => {
    const firstEight = `0${String(9000000 + ++enterpriseSequence).padStart(7, "0")}`;
    return firstEight + enterpriseCheckDigits(firstEight);
  };
  const weekdayHours = { open: "09:30", close: "18:00" };

  await db.transaction(async (tx) => {
    await tx.insert(programmes).values({
      name: "Relanceplan West-Vlaanderen: digitale vouchers 2026–2027",
      budgetCents: 6_000_000,
      rateBasisPoints: 7500,
      capCents: 150_000,
      eligibleSectors: ["retail", "tourism", "hospitality"],
      opensOn: "2026-01-01",
      closesOn: "2027-12-31",
      maxVouchersPerBusiness: 1,
      paymentDays: 30,
      iban: "BE68539007547034",
    });
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

    for (const [index, [name, naceCode, sector, municipality, description]] of demoBusinesses.entries()) {
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
      const postal = mainPostal(nisCode);
      await tx.insert(businesses).values({
        ownerId: owner.id,
        slug: slugify(`${name} ${municipality}`),
        enterpriseNumber: nextEnterpriseNumber(),
        name,
        sector,
        naceCode,
        nisCode,
        postalCode: postal.postalCode,
        latitude: postal.latitude,
        longitude: postal.longitude,
        street: `Marktstraat ${index + 1}`,
        inShoppingArea: index % 3 !== 2,
        employeeBand: ["1-4", "5-9", "0"][index % 3],
        languages: index % 4 === 0 ? ["nl", "fr", "en"] : ["nl", "en"],
        openingHours: { tue: [weekdayHours], wed: [weekdayHours], thu: [weekdayHours], fri: [weekdayHours], sat: [{ open: "10:00", close: "17:00" }] },
        digitalPresence: index % 2 === 0 ? { facebook: { active: true }, pos: { active: true } } : { website: { active: true } },
        description,
      });
    }

    await seedDemoCampaign(tx, adminId(staff));
    // The office's contact details, as it would fill them in: the footer and privacy page show them.
    await tx.insert(settings).values({
      key: "platform",
      value: { ...defaultSettings, contactEmail: "programmabureau@demo.koppel.test", contactPhone: "050 00 00 00", contactAddress: "Demostraat 1, 8000 Brugge" },
      updatedBy: adminId(staff),
    });

    for (const [index, [companyName, kind, foundedOn, municipality, rateEur, status, services, sectors, radiusKm]] of demoProviders.entries()) {
      const [user] = await tx
        .insert(users)
        .values({ name: companyName, email: emailFor(companyName), role: "provider", passwordHash })
        .returning({ id: users.id });
      const enterpriseNumber = nextEnterpriseNumber();
      await tx.insert(providers).values({
        userId: user.id,
        slug: slugify(companyName),
        enterpriseNumber,
        companyName,
        kind,
        foundedOn,
        services,
        sectors,
        baseNisCode: nis(municipality),
        // The registered office, as an invoice names the seller.
        street: `Stationsstraat ${index + 10}`,
        postalCode: mainPostal(nis(municipality)).postalCode,
        radiusKm,
        languages: index % 3 === 0 ? ["nl", "fr", "en"] : ["nl", "en"],
        hourlyRateCents: rateEur * 100,
        capacity: 2 + (index % 4),
        status,
        statusChangedAt: status === "approved" ? new Date() : null,
        conflictDeclaredAt: new Date(),
        // Starters under the small-enterprise exemption charge no VAT; the others charge 21 %.
        vatStatus: smallEnterprises.has(companyName) ? "small_enterprise" : "registered",
        vatNumber: `BE${enterpriseNumber.replace(/\D/g, "")}`,
        billingMandateAt: new Date(),
        billingMandateVersion,
        bio: `${companyName} helpt lokale zaken in en rond ${municipality} digitaal vooruit.`,
      });
    }
  });
}

const adminId = (staff: { id: string; email: string }[]) => staff.find((u) => u.email === "admin@demo.koppel.test")!.id;

/** Demo participants: [business, status, featured, promotion title, promotion text]. */
const demoPromotions: [business: string, status: "approved" | "pending", featured: boolean, title: string, text: string][] = [
  ["Chocolaterie Het Belfort", "approved", true, "Gratis praline bij elke aankoop", "Deze zomer krijg je bij elke aankoop een praline met West-Vlaamse zeezout-karamel."],
  ["Boekhandel De Zandloper", "approved", false, "Zomerleestips van streekauteurs", "Elke zaterdag een voorleesmoment en 10 % korting op boeken van West-Vlaamse auteurs."],
  ["Café De Vismarkt", "approved", false, "Streekbier van de maand", "Elke maand een ander West-Vlaams streekbier aan een zomerprijs, op ons zonnige terras."],
  ["Brasserie De Leie", "approved", true, "Zomermenu aan de Leie", "Driegangenmenu met seizoensgroenten van boeren uit de streek."],
  ["Modehuis Lina", "pending", false, "Zomersolden bij Belgische ontwerpers", "Tot 30 % korting op de zomercollectie van Belgische ontwerpers."],
  ["Vishandel De Noordzee", "approved", false, "Garnaalkroketten van de week", "Huisgemaakte garnaalkroketten met Noordzeegarnalen, elke vrijdag vers."],
  ["Strandbar De Golfbreker", "approved", true, "Zonsondergang-aperitief", "Elke avond bij zonsondergang een lokaal aperitief aan halve prijs."],
  ["Taverne De Lakenhalle", "approved", false, "Westhoekplank", "Een plank met kazen en vleeswaren uit de Westhoek, om te delen."],
  ["Ijssalon Zonnestraal", "approved", false, "Ijs van het seizoen", "Elke week een nieuwe smaak met fruit van West-Vlaamse telers."],
];

/**
 * A ZomerInWestVlaanderen edition that runs on the day the demo is seeded, whatever the season, so
 * the public campaign pages always have something to show. Real editions are set up by the office.
 */
async function seedDemoCampaign(tx: Transaction, createdBy: string) {
  const today = new Date();
  const year = today.getUTCFullYear();
  const day = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const startsOn = [`${year}-06-01`, day(-30)].sort()[0];
  const endsOn = [`${year}-09-30`, day(120)].sort()[1];
  const [edition] = await tx
    .insert(campaignEditions)
    .values({
      slug: `zomer-${year}`,
      year,
      title: `ZomerInWestVlaanderen ${year}`,
      introduction: "Lokale winkels, logies en horeca in West-Vlaanderen zetten deze zomer hun beste beentje voor. Ontdek hun zomerpromoties, gemeente per gemeente.",
      startsOn,
      endsOn,
      createdBy,
    })
    .returning({ id: campaignEditions.id });
  const businessRows = await tx.select({ id: businesses.id, name: businesses.name }).from(businesses);
  await tx.insert(campaignParticipants).values(
    demoPromotions.map(([name, status, featured, promotionTitle, promotionText]) => ({
      editionId: edition.id,
      businessId: businessRows.find((b) => b.name === name)!.id,
      status,
      featured,
      promotionTitle,
      promotionText,
      validFrom: startsOn,
      validUntil: endsOn,
      decidedAt: status === "approved" ? today : null,
    })),
  );
}
