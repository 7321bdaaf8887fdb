/**
 * The one mapping from errors to HTTP answers: an AppError keeps its status, code, message, detail and headers; a
 * Hono HTTPException its status; anything else is a logged 500. Used by Hono's `onError` (app.ts).
 */
import { HTTPException } from 'hono/http-exception';
import { isAppError } from '../errors.js';

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: { code: string; message: string; detail?: unknown } };
}

export function errorBody(code: string, message: string, detail?: unknown): ErrorAnswer['body'] {
  return { error: detail === undefined ? { code, message } : { code, message, detail } };
}

export function errorAnswer(error: unknown): ErrorAnswer {
  if (isAppError(error)) return { status: error.status, headers: error.headers, body: errorBody(error.code, error.message, error.detail) };
  if (error instanceof HTTPException) return { status: error.status, headers: {}, body: errorBody('HTTP_ERROR', error.message || 'Request error.') };
  console.error('osce-kg: unhandled error', error);
  return { status: 500, headers: {}, body: errorBody('INTERNAL', 'An internal error occurred.') };
}
