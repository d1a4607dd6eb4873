// The data table every list in the app uses: a scrolling frame, a header row and the caller's rows.
import type { ReactNode } from 'react';

/** Header cell classes, so every table in the app lines up the same way. */
const th = 'px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-zinc-500';
/** Body cell classes, to put on each <td> (extra classes appended where a column needs them). */
export const td = 'px-4 py-3 text-sm text-zinc-700 align-middle';

/** A column heading; `srOnly` keeps it for screen readers only (e.g. the actions column). */
export type TableHeader = string | { label: string; srOnly?: boolean };

interface DataTableProps {
  headers: TableHeader[];
  /** The body rows: one <tr> each. */
  children: ReactNode;
  bodyTestId?: string;
}

export function DataTable({ headers, children, bodyTestId }: DataTableProps) {
  return (
    <div className="-m-5 overflow-x-auto">
      <table className="min-w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            {headers.map((header) => {
              const { label, srOnly } = typeof header === 'string' ? { label: header, srOnly: false } : header;
              return (
                <th key={label} scope="col" className={th}>
                  {srOnly ? <span className="sr-only">{label}</span> : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody data-testid={bodyTestId} className="divide-y divide-zinc-100">
          {children}
        </tbody>
      </table>
    </div>
  );
}
