import type { FieldErrors } from './errors';

/** What could be read from an error answer, whatever shape it came in. */
export interface ErrorBody {
  /** The parsed JSON, or the raw text when it was not JSON; undefined when empty. */
  body: unknown;
  /** The panel's own words, when it gave any. */
  panelMessage: string | undefined;
  messages: string[];
  fieldErrors: FieldErrors;
  /** The body was HTML (typically a proxy's error page). */
  html: boolean;
  /** The body was meant as JSON but could not be parsed (cut short or malformed). */
  malformedJson: boolean;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [];
}

function htmlTitle(text: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(text) ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
  const title = match?.[1]?.replace(/\s+/g, ' ').trim();
  return title === '' ? undefined : title;
}

function fromJson(json: unknown): Pick<ErrorBody, 'panelMessage' | 'messages' | 'fieldErrors'> {
  const messages: string[] = [];
  const fieldErrors: FieldErrors = {};
  let panelMessage: string | undefined;
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const errors = record.errors;
    if (Array.isArray(errors)) {
      messages.push(...strings(errors));
    } else if (errors !== null && typeof errors === 'object') {
      for (const [field, value] of Object.entries(errors)) {
        const list = strings(value);
        fieldErrors[field] = list;
        messages.push(...list);
      }
    } else if (typeof errors === 'string') {
      messages.push(errors);
    }
    const direct = [record.message, record.msg, record.error].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    panelMessage = direct ?? (messages.length > 0 ? messages.join('; ') : undefined);
    // `messages` holds what the panel said, whatever the shape: `{msg}` and `{message}` bodies too.
    if (direct !== undefined && messages.length === 0) messages.push(direct);
    if (direct !== undefined && messages.length > 0 && !messages.includes(direct)) {
      panelMessage = `${direct} (${messages.join('; ')})`;
    }
  } else if (typeof json === 'string' && json.trim() !== '') {
    panelMessage = json;
    messages.push(json);
  } else if (Array.isArray(json)) {
    messages.push(...strings(json));
    if (messages.length > 0) panelMessage = messages.join('; ');
  }
  return { panelMessage, messages, fieldErrors };
}

/** Reads any error body the panel or a proxy may send, never throwing. */
export function readErrorBody(text: string, contentType: string | null): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { body: undefined, panelMessage: undefined, messages: [], fieldErrors: {}, html: false, malformedJson: false };
  const looksJson = /^[[{"]/.test(trimmed) || (contentType ?? '').includes('json');
  if (looksJson) {
    try {
      const json: unknown = JSON.parse(trimmed);
      return { body: json, ...fromJson(json), html: false, malformedJson: false };
    } catch {
      return { body: text, panelMessage: undefined, messages: [], fieldErrors: {}, html: false, malformedJson: true };
    }
  }
  const html = /^<(!doctype|html|head|body|\?xml)/i.test(trimmed) || (contentType ?? '').includes('html');
  if (html) {
    const title = htmlTitle(trimmed);
    return { body: text, panelMessage: title, messages: [], fieldErrors: {}, html: true, malformedJson: false };
  }
  const firstLine = trimmed.split('\n')[0]?.slice(0, 200);
  return { body: text, panelMessage: firstLine, messages: firstLine === undefined ? [] : [firstLine], fieldErrors: {}, html: false, malformedJson: false };
}
