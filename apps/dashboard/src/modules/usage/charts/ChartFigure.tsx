// A chart with what a screen reader (or anyone) needs without it: a sentence summing it up and its data as a table.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ChartFigureProps {
  /** The sentence read instead of the picture. */
  summary: ReactNode;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
  testId?: string;
  children: ReactNode;
}

export function ChartFigure({ summary, headers, rows, testId, children }: ChartFigureProps) {
  const { t } = useTranslation();
  return (
    <figure className="space-y-3" data-testid={testId}>
      {/* The SVG says nothing useful to assistive technology; the caption and the table do. */}
      <div className="h-64" aria-hidden>
        {children}
      </div>
      <figcaption className="text-sm text-zinc-600">{summary}</figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-indigo-700 hover:text-indigo-600">
          {t('usage.charts.showTable')}
        </summary>
        <div className="mt-2 max-h-64 overflow-auto rounded-md ring-1 ring-zinc-200">
          <table className="min-w-full divide-y divide-zinc-200 text-sm">
            <thead className="bg-zinc-50">
              <tr>
                {headers.map((header) => (
                  <th key={header} scope="col" className="px-3 py-2 text-left text-xs font-medium text-zinc-500">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, under their headers
                      key={i}
                      className="px-3 py-1.5 whitespace-nowrap text-zinc-700 tabular-nums"
                    >
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
