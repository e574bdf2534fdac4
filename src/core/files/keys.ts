/** Storage keys, PocketBase's layout: `<collectionId>/<recordId>/<filename>`. */

/** The folder of one record's files. */
export const recordPrefix = (collectionId: string, recordId: string) => `${collectionId}/${recordId}/`;

export const fileKey = (collectionId: string, recordId: string, name: string) => `${collectionId}/${recordId}/${name}`;

/** The folder of one file's thumbnails. */
export const thumbsPrefix = (collectionId: string, recordId: string, name: string) =>
  `${collectionId}/${recordId}/thumbs_${name}/`;

export const thumbKey = (collectionId: string, recordId: string, name: string, size: string) =>
  `${thumbsPrefix(collectionId, recordId, name)}${size}_${name}`;
