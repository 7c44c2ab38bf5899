function checkTotal(total: number): void {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`A total must be a whole number ≥ 0, not ${total}.`);
}

/**
 * Treatment response on the PHQ-9 or GAD-7: the total fell by at least 50 % from the baseline.
 * A baseline of 0 cannot fall, so it is never a response.
 * @example treatmentResponse(18, 9) // true
 */
export function treatmentResponse(baseline: number, latest: number): boolean {
  checkTotal(baseline);
  checkTotal(latest);
  // Compare in whole numbers (2 × drop ≥ baseline) so no rounding decides a borderline case.
  return baseline > 0 && 2 * (baseline - latest) >= baseline;
}

/**
 * Remission on the PHQ-9 or GAD-7: a total below 5.
 * @example remission(4) // true
 */
export function remission(total: number): boolean {
  checkTotal(total);
  return total < 5;
}
