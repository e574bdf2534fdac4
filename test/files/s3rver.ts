import type { AddressInfo } from 'node:net';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { removeDir, tempDir } from '../harness/index.js';

/** A running S3-compatible server (s3rver) on 127.0.0.1, a random port and its own folder, with one bucket. */
export interface TestS3 {
  settings: {
    enabled: true;
    bucket: string;
    region: string;
    endpoint: string;
    accessKey: string;
    secret: string;
    forcePathStyle: true;
  };
  close(): Promise<void>;
}

export async function startS3(bucket = 'basalt'): Promise<TestS3> {
  const dir = tempDir();
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const addr = (await server.run()) as AddressInfo;
  return {
    settings: {
      enabled: true,
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${addr.port}`,
      accessKey: 'S3RVER',
      secret: 'S3RVER',
      forcePathStyle: true,
    },
    async close() {
      await server.close();
      removeDir(dir);
    },
  };
}
