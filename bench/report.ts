/** The shape every benchmark returns, so a runner can print or compare them uniformly. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchReport {
  name: string;
  rows: BenchRow[];
}

/** A plain-text table of a report, for printing. */
export function formatReport(report: BenchReport): string {
  const lines = report.rows.map(
    (row) =>
      `  ${row.metric.padEnd(44)} ${String(row.value).padStart(12)} ${row.unit.padEnd(6)}${row.note ? `  ${row.note}` : ''}`,
  );
  return [`# ${report.name}`, ...lines].join('\n');
}
