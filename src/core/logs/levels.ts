/** Log levels, as slog numbers them (what the API stores and `minLevel` compares). */
export const LogLevel = Object.freeze({ debug: -4, info: 0, warn: 4, error: 8 });
