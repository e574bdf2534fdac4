/** The targets: reported next to the numbers, never asserted. */

const ofCeiling = (share) => (r) => (r.basalt && r.db ? r.basalt.rps / r.db.rps >= share : null);

export const SCENARIO_TARGETS = {
  view: { text: '≥ 80% of (b)', met: ofCeiling(0.8) },
  'list-total': { text: '≥ 100% of (b)', met: ofCeiling(1) },
  'list-skiptotal': { text: '≥ 70% of (b)', met: ofCeiling(0.7) },
  create: {
    text: '≥ 10,000/s (SQLite)',
    met: (r, db) => (r.basalt && db === 'sqlite' ? r.basalt.rps >= 10_000 : null),
  },
};

export const GROWTH_TARGETS = {
  view: { text: '≤ 1.2×', met: (ratio) => (ratio == null ? null : ratio <= 1.2) },
};

export const PROCESS_TARGETS = {
  startMs: { text: '≤ 500 ms', met: (v) => v <= 500 },
  idleRssMb: { text: '≤ 120 MB', met: (v) => v <= 120 },
};

/** Full-text search over 1,000,000 rows on SQLite (reported for PostgreSQL too). */
export const SEARCH_TARGET = { text: 'p50 < 20 ms on 1M rows (SQLite)', met: (s) => s.p50 < 20 };
