import fs from "node:fs";
import path from "node:path";
import { projectBoundaries, type BoundaryFeature, type ProjectedMap } from "./map-projection";

let cached: ProjectedMap | undefined;

/** The West Flanders map, projected once per process from the boundaries in db/reference. */
export function getMunicipalityMap(): ProjectedMap {
  if (!cached) {
    const file = path.resolve("db/reference/west_flanders_municipalities_2025.geojson");
    const geojson = JSON.parse(fs.readFileSync(file, "utf8")) as { features: BoundaryFeature[] };
    cached = projectBoundaries(geojson.features);
  }
  return cached;
}
