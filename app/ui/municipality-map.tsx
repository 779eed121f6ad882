import type { ProjectedMap } from "~/modules/campaigns/map-projection";

/** Up to five shades: none, then four equal steps up to the largest value. */
export function shadeClass(value: number, max: number) {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((value / max) * 4));
}

/** The legend: each shade in use with the values it stands for ("0", "1", "2–3", …). */
export function legendSteps(max: number) {
  const steps = [{ shade: 0, label: "0" }];
  let from = 1;
  for (let shade = 1; shade <= 4 && from <= max; shade++) {
    let to = from;
    while (to + 1 <= max && shadeClass(to + 1, max) === shade) to++;
    if (shadeClass(from, max) !== shade) continue;
    steps.push({ shade, label: from === to ? `${from}` : `${from}–${to}` });
    from = to + 1;
  }
  return steps;
}

/**
 * West Flanders as inline SVG, each municipality shaded by a value (a choropleth). Server-rendered,
 * no script. The SVG is hidden from assistive technology and its links from the tab order: the
 * page always shows the same figures as a list or a table beside it, which reads better than 62
 * shapes.
 */
export function MunicipalityMap({
  map,
  values,
  title,
  legendLabel,
  describe,
  hrefFor,
}: {
  map: ProjectedMap;
  values: Record<string, number>;
  title: string;
  legendLabel: string;
  /** The hover text of one municipality: "Brugge: 3 zaken". */
  describe: (name: string, value: number) => string;
  hrefFor?: (nisCode: string) => string | null;
}) {
  const max = Math.max(0, ...Object.values(values));
  const legend = legendSteps(max);
  return (
    <figure className="municipality-map">
      <figcaption className="visually-hidden">{title}</figcaption>
      <svg viewBox={map.viewBox} aria-hidden="true" focusable="false" className="municipality-map-svg">
        {map.shapes.map((shape) => {
          const value = values[shape.nisCode] ?? 0;
          const path = (
            <path d={shape.d} className={`map-shade-${shadeClass(value, max)}`} data-nis={shape.nisCode} data-value={value}>
              <title>{describe(shape.name, value)}</title>
            </path>
          );
          const href = hrefFor?.(shape.nisCode);
          return href ? (
            <a key={shape.nisCode} href={href} tabIndex={-1}>
              {path}
            </a>
          ) : (
            <g key={shape.nisCode}>{path}</g>
          );
        })}
      </svg>
      <div className="map-legend" aria-hidden="true">
        <span>{legendLabel}:</span>
        {legend.map((step) => (
          <span key={step.shade} className="map-legend-step">
            <span className={`map-swatch map-shade-${step.shade}`} />
            {step.label}
          </span>
        ))}
      </div>
    </figure>
  );
}
