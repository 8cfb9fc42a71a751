import { describe, expect, it } from 'vitest';
import {
  foldCase,
  maxSearchWords,
  maxTermBytes,
  prefixesOf,
  searchFilterOf,
  searchWords,
  termsOf,
  truncateUtf8,
  type Term,
} from '../../lib/customers/search-terms.js';

const keys = (terms: Term[]) => terms.map((t) => `${t.ns}:${t.value}`).sort();

describe('termsOf', () => {
  it('indexes name words, the e-mail, its domain and the phone both ways', () => {
    expect(keys(termsOf({ name: 'Acme Corporation', email: 'John@Acme.com', phone: '+15551234567' }))).toEqual(
      ['w:acme', 'w:corporation', 'w:john@acme.com', 'w:acme.com', 'p:5551234567', 'p:15551234567', 'r:7654321555'].sort(),
    );
  });

  it('folds case and accents and strips punctuation around name words', () => {
    expect(keys(termsOf({ name: 'Café  "Zoë", Inc.', email: 'x@y.z', phone: '' }))).toEqual(
      ['w:cafe', 'w:zoe', 'w:inc', 'w:x@y.z', 'w:y.z'].sort(),
    );
  });

  it('indexes hyphenated and apostrophe names by each part and by the joined word', () => {
    const terms = keys(termsOf({ name: "Smith-Jones O'Brien", email: 'a@b.c', phone: '' }));
    for (const t of ['w:smith-jones', 'w:smith', 'w:jones', 'w:smithjones', "w:o'brien", 'w:o', 'w:brien', 'w:obrien']) expect(terms).toContain(t);
  });

  it('never lets the key separator # into a term', () => {
    for (const t of termsOf({ name: 'C# Devs #1', email: 'a#b@c.d', phone: '+15551234567' })) expect(t.value).not.toContain('#');
  });

  it('has no duplicate terms', () => {
    const terms = termsOf({ name: 'Acme acme ACME', email: 'acme@acme', phone: '+15551234567' });
    expect(new Set(keys(terms)).size).toBe(terms.length);
  });

  it('skips an empty phone', () => {
    expect(keys(termsOf({ name: 'A', email: 'a@b.c', phone: '' })).some((k) => /^[pr]:/.test(k))).toBe(false);
  });

  it('indexes the phone as stored by its national number, its E.164 digits and its end', () => {
    expect(keys(termsOf({ name: 'A', email: 'a@b.c', phone: '+15551234567' })).filter((k) => /^[pr]:/.test(k))).toEqual(
      ['p:5551234567', 'p:15551234567', 'r:7654321555'].sort(),
    );
    expect(keys(termsOf({ name: 'A', email: 'a@b.c', phone: '+442079460958' })).filter((k) => /^[pr]:/.test(k))).toEqual(
      ['p:2079460958', 'p:442079460958', 'r:8590649702'].sort(),
    );
  });

  it.each([
    ['113 × 각 (9 bytes folded)', '각'.repeat(113)],
    ['57 × ㌖ (18 bytes folded)', '㌖'.repeat(57)],
    ['255 × ﷺ (33 bytes folded)', '\uFDFA'.repeat(255)],
  ])('cuts every term of a name of %s to %i bytes, at a code point', (_label, name) => {
    const terms = termsOf({ name, email: 'a@b.c', phone: '+15551234567' });
    for (const t of terms) {
      expect(Buffer.byteLength(t.value)).toBeLessThanOrEqual(maxTermBytes);
      expect(t.value).not.toMatch(/\p{Cs}/u); // never half a surrogate pair
    }
    // The word itself is indexed, by its first 100 bytes.
    expect(terms[0]!.value).toBe(truncateUtf8(foldCase(name), maxTermBytes));
  });

  it('splits a name as sent and indexes the parts a word folds into (ﷺ folds to four words)', () => {
    const terms = keys(termsOf({ name: 'Al \uFDFA', email: 'a@b.c', phone: '' }));
    expect(terms).toContain('w:al');
    expect(terms).toContain('w:صلى الله عليه وسلم');
    expect(terms).toContain('w:الله');
  });
});

describe('truncateUtf8', () => {
  it('keeps the longest start that fits, never half a code point', () => {
    expect(truncateUtf8('abc', 2)).toBe('ab');
    expect(truncateUtf8('aé', 2)).toBe('a');
    expect(truncateUtf8('aé', 3)).toBe('aé');
    expect(truncateUtf8('a😀', 4)).toBe('a');
    expect(truncateUtf8('a😀', 5)).toBe('a😀');
    expect(truncateUtf8('', 5)).toBe('');
  });
});

describe('prefixesOf', () => {
  it('looks a word up among the word terms, folded', () => {
    expect(prefixesOf('ACM')).toEqual([{ ns: 'w', value: 'acm' }]);
    expect(prefixesOf('Café')).toEqual([{ ns: 'w', value: 'cafe' }]);
    expect(prefixesOf('acme.com')).toEqual([{ ns: 'w', value: 'acme.com' }]);
  });

  it('adds phone prefix and suffix lookups for 3+ digits', () => {
    expect(prefixesOf('555')).toEqual([
      { ns: 'w', value: '555' },
      { ns: 'p', value: '555' },
      { ns: 'r', value: '555' },
    ]);
    expect(prefixesOf('4567')).toContainEqual({ ns: 'r', value: '7654' });
    expect(prefixesOf('(555)')).toContainEqual({ ns: 'p', value: '555' });
    expect(prefixesOf('555-123')).toContainEqual({ ns: 'p', value: '555123' });
  });

  it('looks a whole number with its country code up by its national number too', () => {
    expect(prefixesOf('+15551234567')).toContainEqual({ ns: 'p', value: '5551234567' });
    expect(prefixesOf('1-555-123-4567')).toContainEqual({ ns: 'p', value: '5551234567' });
    expect(prefixesOf('+442079460958')).toContainEqual({ ns: 'p', value: '2079460958' });
    // A national number needs nothing more.
    expect(prefixesOf('5551234567').filter((t) => t.ns === 'p')).toEqual([{ ns: 'p', value: '5551234567' }]);
  });

  it('does not look up phones for fewer than 3 digits or mixed words', () => {
    expect(prefixesOf('12')).toEqual([{ ns: 'w', value: '12' }]);
    expect(prefixesOf('a555').some((t) => t.ns !== 'w')).toBe(false);
  });

  it('keeps a trailing @ so that the word can only start an e-mail', () => {
    expect(prefixesOf('John@')).toEqual([{ ns: 'w', value: 'john@' }]);
    expect(prefixesOf('@acme.com')).toEqual([{ ns: 'w', value: 'acme.com' }]);
    expect(prefixesOf('acme,')).toEqual([{ ns: 'w', value: 'acme' }]);
  });

  it('returns nothing for punctuation only', () => {
    expect(prefixesOf('--')).toEqual([]);
  });

  it('cuts a long word to the bytes a term keeps, so it still finds the term (114 × 각)', () => {
    const word = '각'.repeat(114);
    const [prefix] = prefixesOf(word);
    expect(Buffer.byteLength(prefix!.value)).toBeLessThanOrEqual(maxTermBytes);
    const [term] = termsOf({ name: word, email: 'a@b.c', phone: '' });
    expect(term!.value.startsWith(prefix!.value)).toBe(true);
    for (const p of prefixesOf('1'.repeat(200))) expect(p.value).toHaveLength(maxTermBytes);
  });

  it('finds a phone by the start of its E.164 digits: 1555 starts +15551234567', () => {
    const terms = termsOf({ name: 'A', email: 'a@b.c', phone: '+15551234567' });
    for (const word of ['1555', '+1555', '1-555-123', '+15551234567', '555', '4567']) {
      const found = prefixesOf(word).some((p) => terms.some((t) => t.ns === p.ns && t.value.startsWith(p.value)));
      expect(found, word).toBe(true);
    }
    expect(prefixesOf('1556').some((p) => terms.some((t) => t.ns === p.ns && t.value.startsWith(p.value)))).toBe(false);
  });

  it('folds Greek final sigma, so an upper-case prefix ending in Σ starts the word', () => {
    const [term] = termsOf({ name: 'ΟΔΟΣΑ', email: 'a@b.c', phone: '' });
    expect(term!.value.startsWith(prefixesOf('ΟΔΟΣ')[0]!.value)).toBe(true);
    expect(prefixesOf('οδος')).toEqual(prefixesOf('ΟΔΟΣ'));
  });
});

describe('searchFilterOf', () => {
  it('is no search for an absent or blank parameter', () => {
    expect(searchFilterOf(undefined)).toEqual({ kind: 'everything' });
    expect(searchFilterOf('')).toEqual({ kind: 'everything' });
    expect(searchFilterOf('   ')).toEqual({ kind: 'everything' });
  });

  it.each(['!!!', '-', ' - ! ', '@', '#'])('matches nothing for symbols only: %j', (search) => {
    expect(searchFilterOf(search)).toEqual({ kind: 'nothing' });
  });

  it('lists the words that must all match', () => {
    expect(searchFilterOf('Acme & Co')).toEqual({ kind: 'words', words: ['Acme', 'Co'] });
    expect(searchFilterOf('+1 (555) 123-4567')).toEqual({ kind: 'words', words: ['+1 (555) 123-4567'] });
  });
});

describe('searchWords', () => {
  it('splits on whitespace, drops empties and duplicates', () => {
    expect(searchWords('  corp   acme corp ')).toEqual(['corp', 'acme']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('drops punctuation standing alone, which no term could match', () => {
    expect(searchWords('Acme & Co')).toEqual(['Acme', 'Co']);
    expect(searchWords('Smith - Jones')).toEqual(['Smith', 'Jones']);
    expect(searchWords(' -- @ ')).toEqual([]);
    expect(searchWords('john@ #1')).toEqual(['john@', '#1']);
  });

  it('keeps a symbol that folds to letters as a word (㌖ is キロメートル)', () => {
    expect(searchWords('㌖ ½')).toEqual(['㌖', '½']);
    expect(searchFilterOf('㌖')).toEqual({ kind: 'words', words: ['㌖'] });
  });

  it('keeps a phone number written with spaces as one word', () => {
    expect(searchWords(' +1 (555) 123-4567 ')).toEqual(['+1 (555) 123-4567']);
    expect(searchWords('555 123 4567')).toEqual(['555 123 4567']);
    expect(searchWords('555 123')).toEqual(['555', '123']);
  });

  it('keeps every word (the query schema rejects too many)', () => {
    expect(searchWords('a b c d e f g h i j')).toHaveLength(10);
    expect(maxSearchWords).toBe(8);
  });
});

describe('foldCase', () => {
  it('lowercases and strips combining marks', () => {
    expect(foldCase('ÉCOLE Ñandú')).toBe('ecole nandu');
  });
});
