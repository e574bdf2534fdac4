import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import type { FieldType, StorageKind } from './field-type.js';
import { Options } from './options.js';

export interface GeoPoint {
  lon: number;
  lat: number;
}

function coordinate(obj: Record<string, unknown>, key: string): number {
  let v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined) {
    const match = Object.keys(obj).find((k) => k.toLowerCase() === key);
    v = match === undefined ? undefined : obj[match];
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function isPoint(value: unknown): value is GeoPoint {
  if (typeof value !== 'object' || value === null) return false;
  const { lon, lat } = value as Record<string, unknown>;
  return typeof lon === 'number' && Number.isFinite(lon) && typeof lat === 'number' && Number.isFinite(lat);
}

/** An object (or JSON object string) with `lon`/`lat` numbers; missing or non-number coordinates become 0. */
export function toGeoPoint(input: unknown): GeoPoint {
  let obj = input;
  if (typeof input === 'string') {
    try {
      obj = JSON.parse(input);
    } catch {
      obj = null;
    }
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { lon: 0, lat: 0 };
  const record = obj as Record<string, unknown>;
  return { lon: coordinate(record, 'lon'), lat: coordinate(record, 'lat') };
}

export const geoPointField: FieldType = {
  name: 'geoPoint',
  defaults: () => ({ required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, geoPointField.defaults());
    o.bool('required');
    return o.errors;
  },

  storage: (): StorageKind => 'json',
  zero: (): GeoPoint => ({ lon: 0, lat: 0 }),
  coerce: (_field: Field, input: unknown) => toGeoPoint(input),

  validate(field: Field, value: unknown) {
    if (!isPoint(value)) return V.unsupportedValueType();
    if (value.lon === 0 && value.lat === 0) return isRequired(field) ? V.required() : null;
    if (value.lat < -90 || value.lat > 90) return V.invalidLatitude();
    if (value.lon < -180 || value.lon > 180) return V.invalidLongitude();
    return null;
  },

  isEmpty: (_field: Field, value: unknown) => !isPoint(value) || (value.lon === 0 && value.lat === 0),
};
