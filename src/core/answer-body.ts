import { bufferedTextOf, readText } from './transport';

/** What the body of an answer held: nothing, JSON, or text that is not JSON (cut short or spoiled). */
export type AnswerBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'unreadable'; readonly text: string; readonly cause: unknown };

const EMPTY: AnswerBody = { kind: 'empty' };

/**
 * The parsed body of a Response, kept on the Response so that the retry layer and the client parse
 * it once between them (not in a WeakMap, for the reason given in transport.ts).
 */
const PARSED_BODY = Symbol('virtfusion-sdk.parsedBody');

type WithParsedBody = Response & { [PARSED_BODY]?: Promise<AnswerBody> };

/** What a body's text holds. */
export function parseAnswerText(text: string): AnswerBody {
  if (text.trim() === '') return EMPTY;
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { kind: 'unreadable', text, cause };
  }
}

async function parse(response: Response): Promise<AnswerBody> {
  return parseAnswerText(await readText(response));
}

/** Gives a Response the body a layer already parsed (the cache's shared value), so nobody parses it again. */
export function attachAnswerBody(response: Response, body: AnswerBody): Response {
  if (Object.isExtensible(response)) (response as WithParsedBody)[PARSED_BODY] = Promise.resolve(body);
  return response;
}

/** The parsed body of a Response, if a layer already read it. */
export function answerBodyIfRead(response: Response): Promise<AnswerBody> | undefined {
  return (response as WithParsedBody)[PARSED_BODY];
}

/** Reads and parses a successful answer's body once, however many layers ask. */
export function readAnswerBody(response: Response): Promise<AnswerBody> {
  const memo = response as WithParsedBody;
  const known = memo[PARSED_BODY];
  if (known !== undefined) return known;
  const text = bufferedTextOf(response);
  const parsed = text === undefined ? parse(response) : Promise.resolve(parseAnswerText(text));
  if (Object.isExtensible(response)) memo[PARSED_BODY] = parsed;
  return parsed;
}
