/**
 * Ordinary least squares by the normal equations, for the handful of
 * calibration fits (a few unknowns, a few points): small and exact enough.
 */
export interface LinearFit {
  /** Fitted coefficients, one per column of the design matrix. */
  coefficients: number[];
  /** Observed minus fitted, one per row. */
  residuals: number[];
  /** Root mean square of the residuals. */
  rms: number;
  /** Largest absolute residual. */
  maxAbs: number;
}

/** Solve min ||X·b − y||² for b. Throws when the columns are linearly dependent. */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): LinearFit {
  const n = rows[0]?.length ?? 0;
  if (n === 0 || rows.length !== y.length || rows.length < n) {
    throw new Error(`leastSquares: need at least as many rows (${rows.length}) as unknowns (${n}) and one y per row`);
  }
  // Normal equations A·b = r with A = XᵀX, r = Xᵀy, as an augmented n×(n+1) matrix.
  const m: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n + 1).fill(0);
    for (let k = 0; k < rows.length; k++) {
      const xi = rows[k]![i]!;
      for (let j = 0; j < n; j++) row[j]! += xi * rows[k]![j]!;
      row[n]! += xi * y[k]!;
    }
    m.push(row);
  }
  // Gaussian elimination with partial pivoting.
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) throw new Error('leastSquares: columns are linearly dependent');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const coefficients = m.map((row, i) => row[n]! / row[i]!);
  const residuals = rows.map((x, k) => y[k]! - x.reduce((s, xi, j) => s + xi * coefficients[j]!, 0));
  const rms = Math.sqrt(residuals.reduce((s, e) => s + e * e, 0) / residuals.length);
  const maxAbs = residuals.reduce((s, e) => Math.max(s, Math.abs(e)), 0);
  return { coefficients, residuals, rms, maxAbs };
}
