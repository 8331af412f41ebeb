// A guide's title as the documentation site shows it: its first heading, without backticks, up to
// a colon. Used by the typedoc plugin (scripts/typedoc-titles.mjs) and the site check.

/** @param {string} markdown @returns {string | undefined} */
export function guideTitle(markdown) {
  const heading = /^#\s+(.+)$/m.exec(markdown)?.[1];
  return heading?.replace(/`/g, '').split(':')[0].trim();
}
