/**
 * The on/off ratio of an interleaved A/B: the median of the ratios of adjacent slices (pair i is
 * slice `on[i]` against `off[i]`, measured back to back). A shared machine slows down for seconds at a
 * time; a ratio of means lets one slow slice move the result by points, while the median pair ignores
 * the few pairs such a slowdown straddles.
 */
export function pairedRatio(off, on) {
  const ratios = off.map((o, i) => on[i] / o).sort((a, b) => a - b);
  const mid = Math.floor(ratios.length / 2);
  return ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
}
