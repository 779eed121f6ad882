import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { csvEuros, toExcelCsv } from "~/lib/csv";
import { belgianDate } from "~/lib/dates";
import { CampaignFeedSchema, promotionPath, toFeedItem } from "~/modules/campaigns/feed";
import { projectBoundaries, type BoundaryFeature } from "~/modules/campaigns/map-projection";
import { decisionsFor, isRunning, participantDecisions } from "~/modules/campaigns/participation";
import { sniffImageType } from "~/modules/uploads/images.server";
import { shadeClass } from "~/ui/municipality-map";

describe("the West Flanders map", () => {
  const features = (JSON.parse(fs.readFileSync("db/reference/west_flanders_municipalities_2025.geojson", "utf8")) as { features: BoundaryFeature[] }).features;
  const map = projectBoundaries(features);

  it("has one closed path per municipality, inside the view box", () => {
    expect(map.shapes).toHaveLength(62);
    expect(new Set(map.shapes.map((s) => s.nisCode)).size).toBe(62);
    const [, , width, height] = map.viewBox.split(" ").map(Number);
    expect(width).toBe(600);
    // West Flanders is about as tall as it is wide once longitude is scaled by cos(51°).
    expect(height / width).toBeGreaterThan(0.9);
    expect(height / width).toBeLessThan(1.2);
    for (const shape of map.shapes) {
      expect(shape.d).toMatch(/^M\d+ \d+l[-\d ]+z(M\d+ \d+l[-\d ]+z)*$/);
      expect(shape.labelX).toBeGreaterThanOrEqual(0);
      expect(shape.labelX).toBeLessThanOrEqual(width);
      expect(shape.labelY).toBeLessThanOrEqual(height);
    }
  });

  it("puts the coast north-west: De Panne left of and Kortrijk below Brugge", () => {
    const at = (nis: string) => map.shapes.find((s) => s.nisCode === nis)!;
    expect(at("38008").labelX).toBeLessThan(at("31005").labelX);
    expect(at("34022").labelY).toBeGreaterThan(at("31005").labelY);
  });

  it("shades by value in four steps, with none for zero", () => {
    expect([0, 1, 2, 3, 4, 8].map((v) => shadeClass(v, 8))).toEqual([0, 1, 1, 2, 2, 4]);
    expect(shadeClass(3, 0)).toBe(0);
  });
});

describe("photo content sniffing", () => {
  it("tells JPEG, PNG and WebP by their first bytes, and nothing else", () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffImageType(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode("<svg"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});

describe("participation", () => {
  it("offers staff only the decisions the status allows", () => {
    expect(decisionsFor("pending", false)).toEqual(["approve", "remove"]);
    expect(decisionsFor("approved", false)).toEqual(["feature", "remove"]);
    expect(decisionsFor("approved", true)).toEqual(["unfeature", "remove"]);
    expect(decisionsFor("removed", false)).toEqual(["reinstate"]);
    expect(participantDecisions.remove.featured).toBe(false);
  });

  it("runs an edition from its first to its last day inclusive", () => {
    const edition = { startsOn: "2027-06-01", endsOn: "2027-09-30" };
    expect(["2027-05-31", "2027-06-01", "2027-09-30", "2027-10-01"].map((d) => isRunning(edition, d))).toEqual([false, true, true, false]);
  });

  it("counts days in Brussels: 23:30 UTC on 30 September is already 1 October", () => {
    expect(belgianDate(new Date("2027-09-30T23:30:00Z"))).toBe("2027-10-01");
    expect(belgianDate(new Date("2027-01-31T22:30:00Z"))).toBe("2027-01-31");
  });
});

describe("the public feed", () => {
  it("builds items that satisfy its own schema, links absolute and links only where given", () => {
    const item = toFeedItem(
      {
        name: "Zeilschool Zeebries",
        slug: "zeilschool-zeebries",
        sector: "tourism",
        featured: true,
        newOnline: false,
        nisCode: "31005",
        municipality: "Brugge",
        municipalitySlug: "brugge",
        street: "Zeedijk 1",
        postalCode: "8000",
        promotionTitle: "Proefles",
        promotionText: "Gratis proefles.",
        validFrom: "2027-06-01",
        validUntil: "2027-09-30",
        photoKey: "0b5d4b00-0000-4000-8000-000000000000.webp",
        openingHours: { sat: [{ open: "10:00", close: "17:00" }] },
        digitalPresence: { website: { active: true, url: "https://zeebries.be" }, facebook: { active: true } },
      },
      "https://koppel.example",
    );
    const feed = CampaignFeedSchema.parse({ edition: { slug: "zomer-2027", title: "Z", startsOn: "2027-06-01", endsOn: "2027-09-30" }, municipality: null, retailers: [item] });
    expect(feed.retailers[0]).toMatchObject({
      url: `https://koppel.example${promotionPath("brugge", "zeilschool-zeebries")}`,
      photoUrl: "https://koppel.example/uploads/0b5d4b00-0000-4000-8000-000000000000.webp",
      links: [{ channel: "website", url: "https://zeebries.be" }],
    });
    expect(() => CampaignFeedSchema.parse({ ...feed, retailers: [{ ...item, extra: 1 }] })).toThrow();
  });
});

describe("Excel CSV", () => {
  it("starts with a BOM, separates by semicolons, quotes what needs it and defuses formulas", () => {
    const csv = toExcelCsv(["naam", "bedrag", "actief"], [
      ["Café ‘t Hoekje; de beste", csvEuros(123456), true],
      ['Zeg "hallo"', csvEuros(5), false],
      ["=HYPERLINK(\"http://evil\")", "-3", null],
    ]);
    expect(csv).toBe(
      '\uFEFFnaam;bedrag;actief\r\n"Café ‘t Hoekje; de beste";1234,56;ja\r\n"Zeg ""hallo""";0,05;nee\r\n"\'=HYPERLINK(""http://evil"")";\'-3;\r\n',
    );
  });
});

describe("the map's legend", () => {
  it("names each shade in use with the values it stands for", async () => {
    const { legendSteps } = await import("~/ui/municipality-map");
    expect(legendSteps(0)).toEqual([{ shade: 0, label: "0" }]);
    expect(legendSteps(3).map((s) => s.label)).toEqual(["0", "1", "2", "3"]);
    expect(legendSteps(8).map((s) => s.label)).toEqual(["0", "1–2", "3–4", "5–6", "7–8"]);
    expect(legendSteps(10).map((s) => [s.shade, s.label])).toEqual([[0, "0"], [1, "1–2"], [2, "3–5"], [3, "6–7"], [4, "8–10"]]);
  });
});
