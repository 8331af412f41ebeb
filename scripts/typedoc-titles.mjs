// A typedoc plugin: the site's navigation names each guide by its title (see guide-title.mjs)
// rather than by its file path, as typedoc does for projectDocuments by default.
import { Comment, Converter } from 'typedoc';
import { guideTitle } from './guide-title.mjs';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, document) => {
    const title = guideTitle(Comment.combineDisplayParts(document.content));
    if (title !== undefined) document.name = title;
  });
}
