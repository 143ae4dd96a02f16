/**
 * Licence classification for the "licence not permissive" warning.
 */

/**
 * OSI-approved SPDX identifiers that allow commercial self-hosting without field-of-use limits.
 * MPL-2.0 is weak copyleft but places no restriction on running the model.
 */
export const PERMISSIVE_LICENSES: readonly string[] = [
  'Apache-2.0',
  'MIT',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  '0BSD',
  'Zlib',
  'MPL-2.0',
];

/**
 * True when a model's SPDX licence id is OSI-approved and permissive. `custom` (a vendor
 * licence such as the Llama Community License or Gemma Terms of Use) and any id not in
 * {@link PERMISSIVE_LICENSES} is not.
 *
 * @example
 * isPermissiveLicense('Apache-2.0'); // true
 * isPermissiveLicense('custom');     // false
 */
export function isPermissiveLicense(license: string): boolean {
  const id = license.trim().toLowerCase();
  return PERMISSIVE_LICENSES.some((l) => l.toLowerCase() === id);
}
