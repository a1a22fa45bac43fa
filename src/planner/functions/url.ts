// URL functions: encoding query parameters and extracting the parts of a URL (java.net.URI semantics).
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';

interface UrlParts {
  readonly protocol: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly path: string | null;
  readonly query: string | null;
  readonly fragment: string | null;
}

// RFC 3986 appendix B: scheme, authority, path, query, fragment.
const URL_SYNTAX = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
const AUTHORITY_SYNTAX = /^(?:[^@]*@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;

/** Splits a URL into its parts, decoding path, query and fragment as URI's getters do; throws when invalid. */
function parseUrl(url: string): UrlParts {
  const match = URL_SYNTAX.exec(url);
  if (match === null || /\s/.test(url)) throw new Error(`URL input has invalid syntax: ${url}`);
  const [, protocol, authority, path, query, fragment] = match;
  const authorityParts = authority === undefined ? null : AUTHORITY_SYNTAX.exec(authority);
  if (authority !== undefined && authorityParts === null) throw new Error(`URL input has invalid syntax: ${url}`);
  const host = authorityParts?.[1] ?? '';
  const port = authorityParts?.[2] ?? '';
  return {
    protocol: protocol ?? null,
    host: host === '' ? null : host,
    port: port === '' ? null : Number(port),
    path: path === undefined || (path === '' && authority === undefined && protocol !== undefined) ? null : percentDecode(path),
    query: query === undefined ? null : percentDecode(query),
    fragment: fragment === undefined ? null : percentDecode(fragment),
  };
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`URL input has invalid percent-encoding: ${text}`);
  }
}

/** java.net.URLDecoder: '+' is a space, %XX are UTF-8 bytes. */
function decodeParam(text: string): string {
  return percentDecode(text.replace(/\+/g, ' '));
}

/** java.net.URLEncoder: letters, digits and . - * _ stay; space becomes '+'; the rest is %XX of UTF-8. */
function encodeParam(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The first value of a query parameter, decoded; a parameter without '=' has the empty string as value. */
function extractParameter(url: string, name: string): string | null {
  const match = URL_SYNTAX.exec(url);
  const rawQuery = match?.[4];
  if (rawQuery === undefined) return null;
  for (const pair of rawQuery.split('&')) {
    const separator = pair.indexOf('=');
    const key = decodeParam(separator < 0 ? pair : pair.slice(0, separator));
    if (key === name) return separator < 0 ? '' : decodeParam(pair.slice(separator + 1));
  }
  return null;
}

function urlPart(name: string, description: string, part: keyof UrlParts, returns = P.string): FunctionDefinition {
  return {
    name,
    type: 'SCALAR',
    category: 'URL',
    description,
    overloads: [fixed([P.string], returns, (url: string) => parseUrl(url)[part])],
  };
}

export const URL_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'URL_DECODE_PARAM',
    type: 'SCALAR',
    category: 'URL',
    description: 'Decodes an application/x-www-form-urlencoded value.',
    overloads: [fixed([P.string], P.string, decodeParam)],
  },
  {
    name: 'URL_ENCODE_PARAM',
    type: 'SCALAR',
    category: 'URL',
    description: 'Encodes a value as application/x-www-form-urlencoded.',
    overloads: [fixed([P.string], P.string, encodeParam)],
  },
  urlPart('URL_EXTRACT_FRAGMENT', 'The fragment of a URL, or null.', 'fragment'),
  urlPart('URL_EXTRACT_HOST', 'The host of a URL, or null.', 'host'),
  {
    name: 'URL_EXTRACT_PARAMETER',
    type: 'SCALAR',
    category: 'URL',
    description: 'The first value of a named query parameter of a URL, or null.',
    overloads: [fixed([P.string, P.string], P.string, extractParameter)],
  },
  urlPart('URL_EXTRACT_PATH', 'The path of a URL.', 'path'),
  urlPart('URL_EXTRACT_PORT', 'The port of a URL, or null.', 'port', P.int),
  urlPart('URL_EXTRACT_PROTOCOL', 'The protocol (scheme) of a URL, or null.', 'protocol'),
  urlPart('URL_EXTRACT_QUERY', 'The query string of a URL, or null.', 'query'),
];
