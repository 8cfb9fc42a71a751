/** API Gateway's $default route: unknown paths and methods get the error envelope, not a bare "Not Found". */
export { fallbackHandler as handler } from '../lib/http/fallback.js';
