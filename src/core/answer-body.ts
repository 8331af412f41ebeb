import { readText } from './transport';

/** What the body of an answer held: nothing, JSON, or text that is not JSON (cut short or spoiled). */
export type AnswerBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'unreadable'; readonly text: string; readonly cause: unknown };

const EMPTY: AnswerBody = { kind: 'empty' };

/** The parsed body of each Response, so that the retry layer and the client parse it once between them. */
const parsedBodies = new WeakMap<Response, Promise<AnswerBody>>();

async function parse(response: Response): Promise<AnswerBody> {
  const text = await readText(response);
  if (text.trim() === '') return EMPTY;
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { kind: 'unreadable', text, cause };
  }
}

/** Reads and parses a successful answer's body once, however many layers ask. */
export function readAnswerBody(response: Response): Promise<AnswerBody> {
  let parsed = parsedBodies.get(response);
  if (parsed === undefined) {
    parsed = parse(response);
    parsedBodies.set(response, parsed);
  }
  return parsed;
}
