import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini loads no locale: an issue its schema gives no message for would
 * read a bare "Invalid input". Our schemas name their own texts, and zod's
 * English ones (what zod classic loads, ~3 KB) cover the rest, e.g. "Invalid
 * input: expected string, received number" for a number sent as a name.
 * Imported for its effect by every module that declares or parses schemas.
 */
config(en());
