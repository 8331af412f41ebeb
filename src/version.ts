declare const __SDK_VERSION__: string | undefined;

/** The version of this package, sent in the User-Agent header. */
export const VERSION: string = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-development';
