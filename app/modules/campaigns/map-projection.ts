/**
 * Turns municipality boundaries (GeoJSON, WGS84) into SVG paths for an inline map. An
 * equirectangular projection scaled by cos(latitude) is exact enough for a province 90 km wide,
 * and rounding to whole units of a 600-wide view box with relative steps keeps the page small: the
 * paths of all 62 municipalities weigh about 40 kB instead of the source's 160.
 */
type Position = [number, number];
type Ring = Position[];

export interface BoundaryFeature {
  properties: { nis_code: string; name_nl: string };
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };
}

export interface MapShape {
  nisCode: string;
  name: string;
  /** SVG path data in view-box units. */
  d: string;
  /** Where a label or marker fits: the centre of the shape's bounding box. */
  labelX: number;
  labelY: number;
}

export interface ProjectedMap {
  viewBox: string;
  shapes: MapShape[];
}

export function projectBoundaries(features: BoundaryFeature[], width = 600): ProjectedMap {
  const polygonsOf = (f: BoundaryFeature) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates);
  const all = features.flatMap((f) => polygonsOf(f).flat(2));
  const minLon = Math.min(...all.map((p) => p[0]));
  const maxLon = Math.max(...all.map((p) => p[0]));
  const minLat = Math.min(...all.map((p) => p[1]));
  const maxLat = Math.max(...all.map((p) => p[1]));
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = width / ((maxLon - minLon) * xScale);
  const height = Math.ceil((maxLat - minLat) * scale);
  const project = ([lon, lat]: Position): Position => [Math.round((lon - minLon) * xScale * scale), Math.round((maxLat - lat) * scale)];

  const shapes = features.map((f) => {
    let left = Infinity,
      right = -Infinity,
      top = Infinity,
      bottom = -Infinity;
    const d = polygonsOf(f)
      .flatMap((polygon) =>
        polygon.map((ring) => {
          const points: Position[] = [];
          for (const p of ring.map(project)) {
            const last = points[points.length - 1];
            if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
            left = Math.min(left, p[0]);
            right = Math.max(right, p[0]);
            top = Math.min(top, p[1]);
            bottom = Math.max(bottom, p[1]);
          }
          // Relative steps of a unit or two are far shorter than absolute coordinates.
          const steps = points.slice(1).map((p, i) => `${p[0] - points[i][0]} ${p[1] - points[i][1]}`);
          return `M${points[0][0]} ${points[0][1]}l${steps.join(" ")}z`;
        }),
      )
      .join("");
    return { nisCode: f.properties.nis_code, name: f.properties.name_nl, d, labelX: Math.round((left + right) / 2), labelY: Math.round((top + bottom) / 2) };
  });
  return { viewBox: `0 0 ${width} ${height}`, shapes };
}
