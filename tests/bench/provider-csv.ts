import { enterpriseCheckDigits } from "~/modules/profiles/enterprise-number";

/** A provider import file of `rows` varied, valid rows (four in five approved), for the benchmarks. */
export function providerCsv(rows: number) {
  const services = ["website", "webshop", "seo_sea", "social_media", "online_booking", "analytics"];
  const nis = ["31005", "34022", "35013", "36015", "33011", "37022", "38025"];
  const lines = ["enterprise_number,company_name,email,kind,services,sectors,base_nis_code,radius_km,municipalities,languages,hourly_rate_eur,capacity,founded_on,bio,status"];
  for (let i = 0; i < rows; i++) {
    const first = `06${String(i).padStart(6, "0")}`;
    lines.push(
      [
        first + enterpriseCheckDigits(first),
        `Bench Digitaal ${i}`,
        `bench${i}@bench.test`,
        ["ict", "marketing", "both"][i % 3],
        `${services[i % 6]};${services[(i + 2) % 6]}`,
        i % 2 ? "retail;hospitality" : "tourism",
        nis[i % nis.length],
        String(10 + (i % 50)),
        nis[(i + 3) % nis.length],
        i % 4 ? "nl" : "nl;fr",
        String(45 + (i % 40)),
        String(1 + (i % 5)),
        `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
        `Bedrijf ${i} helpt lokale zaken online.`,
        i % 5 ? "approved" : "pending",
      ].join(","),
    );
  }
  return lines.join("\n");
}
