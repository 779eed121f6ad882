import type { BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { expect } from "vitest";
import { logInThroughForm, newBrowserContext, seriousViolations, takeDialogs } from "./browser";

/*
 * The whole marketplace in five browsers, every role: a retailer asks for help, an invited provider
 * bids, the retailer accepts, the programme office confirms the voucher steps, milestones are
 * delivered and approved, the engagement completes and is reviewed; then the municipality invites
 * the business to ZomerInWestVlaanderen, approves its promotion (with a photo), and a visitor finds
 * it with the "nieuw online" badge. axe-core checks every page on the way. It runs against one
 * server (tests/e2e/engagement.test.ts) and through a proxy in front of three (tests/e2e/cluster.test.ts).
 */

/** Demo accounts are named after the company: "Klik & Kassa" → klik.kassa@demo.koppel.test. */
export const demoEmail = (name: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "")}@demo.koppel.test`;

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
const accessible = async (page: Page) => expect(await seriousViolations(page), page.url()).toEqual([]);
const toast = (page: Page, text: string) => page.getByRole("status").filter({ hasText: text }).waitFor();
const shopWindowPhoto = () => sharp({ create: { width: 1200, height: 800, channels: 3, background: "#c8553d" } }).png().toBuffer();

/** Clicks a button and waits until its POST has been answered and the page reloaded. */
/** Presses a button that posts, and waits for the page to say, in words, what it did. */
async function press(page: Page, button: ReturnType<Page["getByRole"]>, message: string, path = "/trajecten/") {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(path)), button.click()]);
  await page.waitForLoadState("networkidle");
  await toast(page, message);
}

async function act(page: Page, button: string, message: string) {
  await press(page, page.getByRole("button", { name: button, exact: true }), message);
}

/** The signed-in bike shop's owner asks for help with a website: drafted, then published. */
export async function publishHelpRequest(retailer: Page, title: string, { checkAccessibility = false } = {}) {
  // From the list of requests, one link per business goes straight to the form (issue 22, item 8).
  await retailer.goto("/ondernemer/hulpvragen");
  await retailer.getByRole("link", { name: "Hulp vragen voor Fietsen Vandenbroucke" }).click();
  await heading(retailer, /Hulp vragen voor Fietsen Vandenbroucke/);
  if (checkAccessibility) await accessible(retailer);
  await retailer.getByLabel("Titel").fill(title);
  await retailer.getByLabel("Wat wil je bereiken?").fill("Klanten moeten online ons aanbod en onze openingsuren vinden.");
  await retailer.getByLabel("Website", { exact: true }).check();
  await retailer.getByRole("button", { name: "Opslaan als ontwerp" }).click();
  await heading(retailer, title);
  await retailer.getByRole("button", { name: "Publiceren en aanbieders uitnodigen" }).click();
  await toast(retailer, "Je hulpvraag is gepubliceerd");
}

export interface JourneyBrowsers {
  retailer: Page;
  provider: Page;
  admin: Page;
  staff: Page;
  visitor: Page;
  contexts: BrowserContext[];
  close(): Promise<void>;
}

/** Five browsers, one per person, each with its own client address, against `origin` (the test server if unset). */
export async function journeyBrowsers(origin?: string): Promise<JourneyBrowsers> {
  const contexts = await Promise.all(Array.from({ length: 5 }, () => newBrowserContext({ baseURL: origin })));
  const [retailer, provider, admin, staff, visitor] = await Promise.all(contexts.map((c) => c.newPage()));
  return { retailer, provider, admin, staff, visitor, contexts, close: async () => void (await Promise.all(contexts.map((c) => c.close()))) };
}

/** Runs the journey on the demo data; returns the engagement's workspace and the promotion photo's address. */
export async function engagementJourney({ retailer, provider, admin, staff, visitor }: JourneyBrowsers) {
  // The retailer asks for help for their bike shop in Kortrijk.
  await logInThroughForm(retailer, "fietsen.vandenbroucke@demo.koppel.test");
  await retailer.waitForURL("**/ondernemer");
  await publishHelpRequest(retailer, "Een website met onze fietsen", { checkAccessibility: true });
  const requestUrl = retailer.url();
  const invited = await retailer.locator("section[aria-labelledby=invited-title] li a").allTextContents();
  expect(invited.length).toBeGreaterThan(0);

  // The best-fitting invited provider finds it in their feed and bids.
  await logInThroughForm(provider, demoEmail(invited[0]));
  await provider.waitForURL("**/aanbieder");
  await provider.goto("/opdrachten");
  await heading(provider, "Opdrachten");
  await accessible(provider);
  await provider.getByRole("link", { name: "Een website met onze fietsen" }).click();
  await heading(provider, "Een website met onze fietsen");
  await provider.getByLabel("Prijs advies en plan (EUR excl. btw)").fill("300");
  await provider.getByLabel("Wat lever je op in de adviesfase?").fill("Een plan voor de website en Google-profiel.");
  await provider.getByLabel("Duur adviesfase (dagen)").fill("7");
  await provider.getByLabel("Prijs uitvoering (EUR excl. btw)").fill("1100");
  await provider.getByLabel("Wat lever je op bij de uitvoering?").fill("Een website met catalogus en openingsuren.");
  await provider.getByLabel("Duur uitvoering (dagen)").fill("30");
  await provider.getByLabel("Geschatte uren").fill("24");
  // A start in the past is refused beside the field; a month from now is taken.
  await provider.getByLabel("Startdatum").fill("2020-01-15");
  await provider.getByRole("button", { name: "Voorstel indienen" }).click();
  await provider.getByText("Kies vandaag of een datum in de toekomst.").waitFor();
  await provider.getByLabel("Startdatum").fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await provider.getByLabel("Startdatum").press("Tab");
  await provider.getByRole("button", { name: "Voorstel indienen" }).click();
  await toast(provider, "Je voorstel is ingediend.");

  // The retailer compares: each proposal's figures and phases on its card (issue 22, item 10).
  await retailer.goto(requestUrl);
  const proposal = retailer.locator(".proposals > li", { hasText: invited[0] });
  for (const figure of ["€ 1.400,00", "€ 1.694,00" /* incl. 21 % VAT */, "€ 1.050,00" /* the voucher: 75 % */, "€ 644,00" /* the own share */]) {
    await proposal.locator("dd", { hasText: figure }).waitFor();
  }
  await proposal.getByText("Een website met catalogus en openingsuren.").waitFor(); // the phase, not folded away
  await retailer.locator("section[aria-labelledby=invited-title] li", { hasText: invited[0] }).getByText("deed een voorstel").waitFor();
  await accessible(retailer);

  // A question before hiring, answered by the bidder on the assignment's page.
  await proposal.getByLabel(`Stel ${invited[0]} een vraag`).fill("Kan de website ook onze herstellingen tonen?");
  await proposal.getByRole("button", { name: "Versturen" }).click();
  await toast(retailer, "Je vraag is verstuurd.");
  await provider.reload();
  await provider.getByText("Kan de website ook onze herstellingen tonen?").waitFor();
  await provider.getByLabel("Je antwoord aan Fietsen Vandenbroucke").fill("Ja, met een pagina voor herstellingen en de prijzen.");
  await provider.getByRole("button", { name: "Versturen" }).click();
  await toast(provider, "Je antwoord is verstuurd.");
  await retailer.reload();
  await proposal.getByText("Ja, met een pagina voor herstellingen en de prijzen.").waitFor();

  // Accepting without the declaration asks nothing: the browser points at the declaration first.
  takeDialogs();
  await proposal.getByRole("button", { name: `Dit voorstel aanvaarden: ${invited[0]}` }).click();
  expect(takeDialogs()).toEqual([]);
  expect(await proposal.getByLabel(/Ik verklaar dat dezelfde dienst niet gefinancierd wordt/).evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  await proposal.getByLabel(/Ik verklaar dat dezelfde dienst niet gefinancierd wordt/).check();
  await proposal.getByRole("button", { name: `Dit voorstel aanvaarden: ${invited[0]}` }).click();
  await toast(retailer, "Je aanvaardde het voorstel.");
  expect(takeDialogs()).toEqual([`Het voorstel van ${invited[0]} aanvaarden? De andere voorstellen worden dan afgewezen.`]);
  await retailer.waitForURL("**/trajecten/**");
  const workspace = retailer.url();

  // The programme office approves the voucher (75 %: € 1,050); the retailer sees how to pay the
  // own share (€ 1,400 − € 1,050 + 21 % VAT on € 1,400 = € 644); the office confirms the transfer.
  await logInThroughForm(admin, "admin@demo.koppel.test");
  await admin.waitForURL("**/beheer");
  await admin.goto(workspace);
  await admin.getByText("€ 1.050,00").first().waitFor();
  await accessible(admin);
  await act(admin, "Voucher goedkeuren", "De voucher is toegekend: Fietsen Vandenbroucke krijgt de betaalgegevens per e-mail.");
  await retailer.goto(workspace);
  await retailer.getByText(/Schrijf €\s644,00 over naar BE68 5390 0754 7034 met de gestructureerde mededeling \+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+/).waitFor();
  // Each detail to copy on its own, and the EPC QR code a banking app scans (issue 22, item 4).
  expect(await retailer.getByLabel("Rekeningnummer (IBAN)").inputValue()).toBe("BE68 5390 0754 7034");
  expect(await retailer.getByLabel("Gestructureerde mededeling").inputValue()).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
  await retailer.getByRole("img", { name: "QR-code om de overschrijving in je bankapp in te vullen" }).waitFor();
  // The decision as a letter, with its file number, to print or keep (issue 22, item 5).
  await retailer.getByRole("link", { name: /^Beslissingsbrief V-\d{4}-\d{6}$/ }).click();
  await heading(retailer, "Beslissing: je voucher is toegekend");
  await retailer.getByText(/^Het programmabureau kent je een voucher toe van €\s1\.050,00 \(75 % van de prijs excl\. btw/).waitFor();
  await accessible(retailer);
  await retailer.goto(workspace);
  await accessible(retailer);
  await act(admin, "Betaling eigen bijdrage ontvangen", "De eigen bijdrage is bevestigd: de intake kan beginnen.");

  // The provider's invoice, issued on their behalf once the own share is in (issue 23): €1,400 +
  // 21 % VAT = €1,694.00, all of it paid by the voucher and the own share, nothing due.
  await retailer.reload();
  await retailer.getByRole("link", { name: /^Factuur KOPPEL-\d{4}-\d{4}$/ }).click();
  await heading(retailer, /^Factuur KOPPEL-\d{4}-\d{4}$/);
  const totals = retailer.locator(".invoice-lines tfoot");
  await totals.getByRole("row", { name: /Totaal incl\. btw/ }).getByText(/€\s1\.694,00/).waitFor();
  await totals.getByRole("row", { name: /Te betalen/ }).getByText(/€\s0,00/).waitFor();
  await retailer.getByRole("link", { name: "E-factuur downloaden (UBL, Peppol BIS Billing 3.0)" }).waitFor();
  await accessible(retailer);
  await retailer.goto(workspace);

  // A message, and a line in the work log: each form is empty again once it is saved.
  await retailer.getByLabel("Bericht", { exact: true }).fill("Wanneer kunnen we de intake plannen?");
  await press(retailer, retailer.getByRole("button", { name: "Versturen" }), "Je bericht is verstuurd.");
  await retailer.getByText("Wanneer kunnen we de intake plannen?").waitFor();
  expect(await retailer.getByLabel("Bericht", { exact: true }).inputValue()).toBe("");
  await provider.goto(workspace);
  await provider.getByLabel("Datum").fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await provider.getByLabel("Uren", { exact: true }).fill("2");
  await provider.getByLabel("Wat deed je?").fill("Intakegesprek voorbereid.");
  await press(provider, provider.getByRole("button", { name: "Toevoegen" }), "Toegevoegd aan het werklogboek.");
  await provider.getByRole("cell", { name: "Intakegesprek voorbereid." }).waitFor();
  expect(await provider.getByLabel("Wat deed je?").inputValue()).toBe("");

  // Advice phase.
  await provider.goto(workspace);
  await act(provider, "Intake gedaan: start advies", "De intake is gedaan: het advies is gestart.");
  await provider.getByText("Lever het advies op bij de mijlpaal hieronder: beschrijf het en zet de links erbij.").waitFor();
  // Only the advice can be delivered now; stopping is there, but folded away behind its own question.
  expect(await provider.getByRole("button", { name: "Opleveren" }).count()).toBe(1);
  expect(await provider.getByRole("button", { name: "Geschil melden" }).isVisible()).toBe(false);
  await provider.getByLabel("Oplevering").first().fill("Het plan staat in de gedeelde map.");
  await provider.getByLabel("Links (één per regel)").first().fill("https://plan.example/fietsen");
  await press(provider, provider.getByRole("button", { name: "Opleveren" }).first(), "Opgeleverd: Fietsen Vandenbroucke krijgt een e-mail om het na te kijken.");
  // The provider's page moves on with the work: delivered, waiting for the shop, and until when.
  await provider.getByText(/^Je leverde het advies op\. Fietsen Vandenbroucke keurt het goed of vraagt aanpassingen; zonder antwoord wordt het op \d+ \w+ \d{4} automatisch goedgekeurd\.$/).waitFor();

  await retailer.goto(workspace);
  // The retailer is told what is expected of them now, in their own words, and is offered exactly
  // that: the milestone's approval, not a button the process would refuse (issue 22, item 1).
  await retailer.getByText(new RegExp(`^${invited[0]} leverde het advies op\\. Lees het bij de mijlpaal hieronder`)).waitFor();
  expect(await retailer.getByRole("button", { name: "Plan goedgekeurd: start uitvoering" }).count()).toBe(0);
  expect(await retailer.getByRole("button", { name: "Traject stopzetten" }).isVisible()).toBe(false);
  await press(retailer, retailer.getByRole("button", { name: "Goedkeuren" }), `Goedgekeurd: ${invited[0]} krijgt een e-mail.`);
  // The approved advice milestone (€ 300 + € 63 VAT) is owed to the provider: € 225 of it from the
  // voucher (€ 1,050 × 300 / 1,400), € 138 from the own share the programme collected.
  await admin.goto("/beheer/uitbetalingen");
  const owed = admin.getByRole("row").filter({ hasText: invited[0] });
  await owed.getByText(/^€\s363,00$/).waitFor();
  // Opened, the line says what it is for: the advice of Fietsen Vandenbroucke's engagement, in its two parts.
  await owed.getByText(invited[0], { exact: true }).click();
  await owed.getByText(/Fietsen Vandenbroucke · Mijlpaal 1: Advies en plan · voucherdeel · €\s225,00/).waitFor();
  await owed.getByText(/Fietsen Vandenbroucke · Mijlpaal 1: Advies en plan · deel eigen bijdrage · €\s138,00/).waitFor();
  await accessible(admin);
  // The one approval started the implementation: no second button to press.
  await retailer.getByRole("heading", { level: 2, name: "Fase: Uitvoering" }).waitFor();

  // Implementation phase.
  await provider.goto(workspace);
  await provider.getByLabel("Oplevering").fill("De website staat online.");
  await provider.getByText("Voer het plan uit en lever de uitvoering op bij de mijlpaal hieronder; daarmee vraag je Fietsen Vandenbroucke om ze na te kijken.").waitFor();
  await press(provider, provider.getByRole("button", { name: "Opleveren" }), "Opgeleverd: Fietsen Vandenbroucke krijgt een e-mail om het na te kijken.");
  // Delivering was the request for review: no "Klaar: vraag nazicht" to find.
  await provider.getByRole("heading", { level: 2, name: "Fase: Nazicht" }).waitFor();
  expect(await provider.getByRole("button", { name: "Klaar: vraag nazicht" }).count()).toBe(0);

  // The shop asks for changes: not without saying which, and the refusal stands at the form, focused.
  await retailer.goto(workspace);
  await retailer.getByText(new RegExp(`^${invited[0]} leverde de uitvoering op\\. Keur ze goed`)).waitFor();
  await retailer.getByRole("button", { name: "Aanpassingen vragen" }).click();
  const refusal = retailer.getByRole("article").filter({ hasText: "Mijlpaal 2" }).getByRole("alert");
  await refusal.getByText("Schrijf wat er aangepast moet worden: je aanbieder leest het bij de mijlpaal.").waitFor();
  expect(await refusal.evaluate((el) => el === document.activeElement)).toBe(true);
  await retailer.getByLabel("Opmerking (verplicht als je aanpassingen vraagt)").fill("De openingsuren van zondag ontbreken.");
  await press(retailer, retailer.getByRole("button", { name: "Aanpassingen vragen" }), `Je vraag om aanpassingen is naar ${invited[0]} gestuurd.`);
  await provider.goto(workspace);
  await provider.getByText("Fietsen Vandenbroucke vroeg aanpassingen aan de uitvoering: lees de reden bij de mijlpaal hieronder en lever ze opnieuw op.").waitFor();
  // The reason, on the milestone it concerns (the folded history below keeps it too).
  await provider.locator("section[aria-labelledby=milestones-title]").getByText("De openingsuren van zondag ontbreken.").waitFor();
  await provider.getByLabel("Oplevering").fill("Openingsuren van zondag staan erbij.");
  await press(provider, provider.getByRole("button", { name: "Opleveren" }), "Opgeleverd: Fietsen Vandenbroucke krijgt een e-mail om het na te kijken.");

  // Approving the implementation completes the engagement, after one question.
  await retailer.goto(workspace);
  takeDialogs();
  await press(retailer, retailer.getByRole("button", { name: "Goedkeuren" }), `Goedgekeurd: ${invited[0]} krijgt een e-mail.`);
  expect(takeDialogs()).toEqual([`De uitvoering goedkeuren? Daarmee rond je het traject af: ${invited[0]} wordt betaald en er zijn geen aanpassingen meer mogelijk.`]);
  await retailer.getByRole("heading", { level: 2, name: "Fase: Afgerond" }).waitFor();

  // The retailer reviews; the review shows on the provider's public page.
  await retailer.getByLabel("Score (1 tot 5)").selectOption("5");
  await retailer.getByLabel("Je beoordeling").fill("Duidelijk plan en een mooie website.");
  await press(retailer, retailer.getByRole("button", { name: "Beoordeling plaatsen" }), `Bedankt: je beoordeling staat op de pagina van ${invited[0]}.`);
  await retailer.getByText("5 op 5").waitFor();
  await accessible(retailer);
  await provider.goto(workspace);
  await provider.getByRole("link", { name: invited[0] }).click();
  await provider.getByText("Duidelijk plan en een mooie website.").waitFor();
  await accessible(provider);

  // Kortrijk's staff invite the business to the summer campaign; the retailer takes part.
  await logInThroughForm(staff, "kortrijk@demo.koppel.test");
  await staff.waitForURL("**/gemeente");
  await accessible(staff);
  await press(staff, staff.getByRole("button", { name: "Uitnodigen: Fietsen Vandenbroucke" }), "Uitnodiging verstuurd.", "/gemeente/zomer");
  await retailer.goto("/ondernemer/zomer");
  await heading(retailer, "ZomerInWestVlaanderen");
  await retailer.getByRole("listitem").filter({ has: retailer.getByRole("heading", { name: "Fietsen Vandenbroucke" }) }).getByRole("link", { name: /Meedoen met/ }).click();
  await heading(retailer, "Zomerpromotie voor Fietsen Vandenbroucke");
  await retailer.getByLabel("Titel van je promotie").fill("Gratis fietscontrole");
  await retailer.getByLabel("Je promotie", { exact: true }).fill("Deze zomer controleren we je fiets gratis, terwijl je wacht.");
  await retailer.getByLabel("Foto (niet verplicht)").setInputFiles({ name: "etalage.png", mimeType: "image/png", buffer: await shopWindowPhoto() });
  await retailer.getByLabel("Titel van je promotie").click();
  await retailer.getByRole("button", { name: "Promotie bewaren" }).click();
  await toast(retailer, "Je promotie is bewaard.");
  await staff.goto("/gemeente/zomer");
  await press(staff, staff.getByRole("button", { name: "Goedkeuren: Fietsen Vandenbroucke" }), "Bewaard.", "/gemeente/zomer");

  // A visitor finds it in Kortrijk, new online thanks to the engagement.
  await visitor.goto("/zomer/kortrijk");
  await heading(visitor, "Zomer in Kortrijk");
  const card = visitor.locator(".promotion-card").filter({ has: visitor.getByRole("link", { name: "Fietsen Vandenbroucke" }) });
  await card.locator(".badge", { hasText: "Nieuw online" }).waitFor();
  await accessible(visitor);
  const photoUrl = await card.locator("img").getAttribute("src");
  const photo = await visitor.request.get(photoUrl!);
  expect(photo.headers()["content-type"]).toBe("image/webp");

  return { workspace, photoUrl: photoUrl! };
}
