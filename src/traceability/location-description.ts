import type { LocationColumns } from './location-columns';

/**
 * A location description as FSMA 204 records name it (21 CFR 1.1310): kept with each record as
 * it was when the event happened, so a partner's later change of address rewrites no history.
 */
export interface LocationDescription {
  business_name: string;
  phone: string;
  street_address: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  gln: string | null;
}

export const locationOf = (row: LocationColumns): LocationDescription => ({
  business_name: row.businessName,
  phone: row.phone,
  street_address: row.streetAddress,
  city: row.city,
  region: row.region,
  postal_code: row.postalCode,
  country: row.country,
  gln: row.gln,
});

/** The columns of a location description as a request gives it (GLN optional). */
export const columnsOf = (
  input: Omit<LocationDescription, 'gln'> & { gln?: string | null },
): LocationColumns => ({
  businessName: input.business_name,
  phone: input.phone,
  streetAddress: input.street_address,
  city: input.city,
  region: input.region,
  postalCode: input.postal_code,
  country: input.country,
  gln: input.gln ?? null,
});

/** The spreadsheet columns a location description is split into, in order. */
export const LOCATION_FIELDS = [
  'business_name',
  'phone',
  'street_address',
  'city',
  'region',
  'postal_code',
  'country',
  'gln',
] as const satisfies readonly (keyof LocationDescription)[];
