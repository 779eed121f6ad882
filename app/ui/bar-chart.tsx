/**
 * A horizontal bar chart drawn as inline SVG (no script, so it renders in the server's HTML and
 * under the strict CSP), with the same figures in a table for screen readers and print.
 */
export function BarChart({
  title,
  rows,
  max = 100,
  labelHeader,
  valueHeader,
}: {
  title: string;
  rows: { label: string; value: number }[];
  max?: number;
  labelHeader: string;
  valueHeader: string;
}) {
  const barHeight = 28;
  const gap = 12;
  const labelWidth = 250;
  const chartWidth = 300;
  const height = rows.length * (barHeight + gap);
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${labelWidth + chartWidth + 50} ${height}`} role="img" aria-label={title} className="bar-chart-svg">
        {rows.map((row, i) => {
          const y = i * (barHeight + gap);
          const width = Math.max(2, (row.value / max) * chartWidth);
          return (
            <g key={row.label}>
              <text x={labelWidth - 8} y={y + barHeight * 0.68} textAnchor="end" className="bar-label">
                {row.label}
              </text>
              <rect x={labelWidth} y={y} width={chartWidth} height={barHeight} className="bar-track" rx="4" />
              <rect x={labelWidth} y={y} width={width} height={barHeight} className={row.value < 40 ? "bar bar-low" : "bar"} rx="4" />
              <text x={labelWidth + chartWidth + 8} y={y + barHeight * 0.68} className="bar-value">
                {row.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden-table">
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
