// A typedoc plugin: the site's navigation names each guide by its title (its first heading, up to
// a colon) rather than by its file path, as typedoc does for projectDocuments by default.
import { Comment, Converter } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const heading = /^#\s+(.+)$/m.exec(Comment.combineDisplayParts(document.content))?.[1];
    if (heading === undefined) return;
    document.name = heading.replace(/`/g, '').split(':')[0].trim();
  });
}
