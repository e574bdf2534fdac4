/**
 * A value made on first use and shared after: `const load = lazy(() => import('pkg'))`.
 * Heavy optional packages (the S3 client, sharp, nodemailer, esbuild, jose, pg) load this way, so a
 * server that never uses them starts faster and smaller. A failed load is retried on the next call.
 */
export function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= make().catch((err) => {
      value = null;
      throw err;
    });
    return value;
  };
}
