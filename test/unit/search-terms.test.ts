import { describe, expect, it } from 'vitest';
import { foldCase, maxSearchWords, prefixesOf, searchWords, termsOf, type Term } from '../../lib/customers/search-terms.js';

const keys = (terms: Term[]) => terms.map((t) => `${t.ns}:${t.value}`).sort();

describe('termsOf', () => {
  it('indexes name words, the e-mail, its domain and the phone both ways', () => {
    expect(keys(termsOf({ name: 'Acme Corporation', email: 'John@Acme.com', phoneNational: '5551234567' }))).toEqual(
      ['w:acme', 'w:corporation', 'w:john@acme.com', 'w:acme.com', 'p:5551234567', 'r:7654321555'].sort(),
    );
  });

  it('folds case and accents and strips punctuation around name words', () => {
    expect(keys(termsOf({ name: 'Café  "Zoë", Inc.', email: 'x@y.z', phoneNational: '' }))).toEqual(
      ['w:cafe', 'w:zoe', 'w:inc', 'w:x@y.z', 'w:y.z'].sort(),
    );
  });

  it('indexes hyphenated and apostrophe names by each part and by the joined word', () => {
    const terms = keys(termsOf({ name: "Smith-Jones O'Brien", email: 'a@b.c', phoneNational: '' }));
    for (const t of ['w:smith-jones', 'w:smith', 'w:jones', 'w:smithjones', "w:o'brien", 'w:o', 'w:brien', 'w:obrien']) expect(terms).toContain(t);
  });

  it('never lets the key separator # into a term', () => {
    for (const t of termsOf({ name: 'C# Devs #1', email: 'a#b@c.d', phoneNational: '5551234567' })) expect(t.value).not.toContain('#');
  });

  it('has no duplicate terms', () => {
    const terms = termsOf({ name: 'Acme acme ACME', email: 'acme@acme', phoneNational: '5551234567' });
    expect(new Set(keys(terms)).size).toBe(terms.length);
  });

  it('skips an empty phone', () => {
    expect(keys(termsOf({ name: 'A', email: 'a@b.c', phoneNational: '' })).some((k) => /^[pr]:/.test(k))).toBe(false);
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
