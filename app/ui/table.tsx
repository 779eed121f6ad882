import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode, type TableHTMLAttributes } from "react";

/*
 * A data table that reads well on a phone. On a desk it is a table; on a small screen (see
 * `.stack` in app.css) each row becomes a card, its cells stacked, each with its column's heading
 * before it (the `data-label` this component copies from the header row onto every cell). Rows
 * and cells must be written as <tr>, <td> and <th> elements in the table's JSX, as they are.
 */
type Element = ReactElement<{ children?: ReactNode; colSpan?: number; "data-label"?: string }>;

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

const elementsOf = (children: ReactNode) => Children.toArray(children).filter(isValidElement) as Element[];

function headings(children: ReactNode): string[] {
  const head = elementsOf(children).find((el) => el.type === "thead");
  const rows = head ? elementsOf(head.props.children).filter((el) => el.type === "tr") : [];
  const last = rows.at(-1);
  if (!last) return [];
  return elementsOf(last.props.children).flatMap((cell) => Array.from({ length: cell.props.colSpan ?? 1 }, () => textOf(cell.props.children).trim()));
}

function labelRow(row: Element, labels: string[]) {
  let column = 0;
  const cells = elementsOf(row.props.children).map((cell) => {
    const label = labels[column];
    column += cell.props.colSpan ?? 1;
    return (cell.type === "td" || cell.type === "th") && label && cell.props["data-label"] === undefined ? cloneElement(cell, { "data-label": label }) : cell;
  });
  return cloneElement(row, {}, ...cells);
}

export function Table({ children, className, ...props }: TableHTMLAttributes<HTMLTableElement>) {
  const labels = headings(children);
  const labelled = elementsOf(children).map((part) =>
    part.type === "tbody" || part.type === "tfoot" ? cloneElement(part, {}, ...elementsOf(part.props.children).map((row) => (row.type === "tr" ? labelRow(row, labels) : row))) : part,
  );
  return (
    <div className="table-wrap">
      <table {...props} className={["stack", className].filter(Boolean).join(" ")}>
        {labelled}
      </table>
    </div>
  );
}
