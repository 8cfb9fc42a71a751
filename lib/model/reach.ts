import * as z from 'zod/mini';
import '../zod-locale.js';
import { normalizePhone } from '../phone/phone.js';

/**
 * How a person is reached, one rule each, shared by a customer (its main and
 * extra e-mails and phones) and its contacts, so both accept and refuse the
 * same values. Builders: lib/model/entity.ts builds each on first use.
 */

/** Trimmed first, then checked; zod's e-mail rule is ASCII only, so a lowercased key is as long as the address. */
export const emailAddress = (max: number) =>
  z.pipe(z.string().check(z.trim(), z.maxLength(max, `must be at most ${max} characters`)), z.email('must be a valid e-mail address'));

/** Any common way of writing a phone number in, E.164 out (+15551234567). */
export const phoneNumber = (maxInput: number) =>
  z.pipe(
    z.string().check(z.maxLength(maxInput, `must be at most ${maxInput} characters`)),
    z.transform((value: string, ctx) => {
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.issues.push({ code: 'custom', input: value, message: 'must be a phone number in E.164 (+15551234567) or a common US format' });
        return z.NEVER;
      }
      return phone.e164;
    }),
  );
