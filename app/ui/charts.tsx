import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from "recharts";
import { useHydrated } from "./hydrated";

/*
 * Charts for the office's dashboard, drawn by recharts at a fixed size. The drawing is hidden from
 * assistive technology; every chart carries the same figures as a table, which screen readers read
 * and anyone can open.
 *
 * recharts draws only in the browser, once the page is hydrated. It lays out tick labels by measuring
 * them in the DOM, which the server does not have: a server drawing wrapped "Gepubliceerde hulpvragen"
 * on one line, the browser's on two. React then rejected the page's server HTML and rendered the page
 * again, and a click made in between was lost. Its inline styles also broke the CSP when they came in
 * the HTML; set from script they do not. Until the chart is drawn, an empty box of the same size holds
 * its place.
 */

const width = 560;

function DrawnInBrowser({ height, children }: { height: number; children: ReactNode }) {
  return useHydrated() ? children : <svg className="chart-placeholder" width={width} height={height} />;
}

const green = "#0b5d4b";
const amber = "#b5560b";

export interface ChartTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

export function ChartFigure({ title, table, tableLabel, emptyLabel, children }: { title: string; table: ChartTable; tableLabel: string; emptyLabel: string; children: ReactNode }) {
  if (table.rows.length === 0) {
    return (
      <figure className="chart">
        <figcaption>{title}</figcaption>
        <p className="muted">{emptyLabel}</p>
      </figure>
    );
  }
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div aria-hidden="true" className="chart-drawing">
        {children}
      </div>
      <details>
        <summary>{tableLabel}</summary>
        <table>
          <caption className="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={j}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Horizontal bars, one per label (a funnel, a breakdown). */
export function HorizontalBars({ data, valueName }: { data: { label: string; value: number }[]; valueName: string }) {
  const height = Math.max(120, data.length * 36 + 40);
  return (
    <DrawnInBrowser height={height}>
      <BarChart width={width} height={height} data={data} layout="vertical" margin={{ left: 20, right: 30, top: 5, bottom: 5 }}>
        <CartesianGrid horizontal={false} stroke="#d4d9de" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={190} />
        <Bar dataKey="value" name={valueName} fill={green} isAnimationActive={false} />
      </BarChart>
    </DrawnInBrowser>
  );
}

/** Money over time: two running totals (spent and committed), in euros. */
export function BurnUpChart({ data, spentName, committedName }: { data: { day: string; spent: number; committed: number }[]; spentName: string; committedName: string }) {
  return (
    <DrawnInBrowser height={260}>
      <LineChart width={width} height={260} data={data} margin={{ left: 20, right: 30, top: 5, bottom: 5 }}>
        <CartesianGrid stroke="#d4d9de" />
        <XAxis dataKey="day" />
        <YAxis />
        <Legend />
        <Line type="stepAfter" dataKey="committed" name={committedName} stroke={amber} dot={false} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="spent" name={spentName} stroke={green} dot={false} isAnimationActive={false} />
      </LineChart>
    </DrawnInBrowser>
  );
}
