import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/export/csv.js';
import { parseCsv } from '../helpers/csv.js';

describe('CSV writer (RFC 4180)', () => {
  it('leaves plain fields alone and writes numbers and empty values', () => {
    expect(csvField('Fix login')).toBe('Fix login');
    expect(csvField(3.5)).toBe('3.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('quotes fields with commas, quotes, CR or LF, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField('"')).toBe('""""');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}HYPERLINK("http://evil.example","x")`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    // Only at the start: a formula sign inside the text is just text.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField("O'Brien")).toBe("O'Brien");
  });

  it('writes CRLF records with a BOM, and reads back to the same cells, unicode included', () => {
    const cells = [
      ['R-1', 'Ünïcödé 🚀 日本語', 'a, b', 'multi\nline\r\ntext', 'quote " inside', "=cmd|' /C calc'!A0"],
      ['R-2', '', '', '', '', ''],
    ];
    const text = toCsv(['id', 'title', 'c', 'd', 'e', 'f'], cells);
    expect(text.startsWith('\uFEFFid,title,c,d,e,f\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('R-2,,,,,\r\n');
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(['id', 'title', 'c', 'd', 'e', 'f']);
    expect(parsed[1]).toEqual(['R-1', 'Ünïcödé 🚀 日本語', 'a, b', 'multi\nline\r\ntext', 'quote " inside', "'=cmd|' /C calc'!A0"]);
    expect(parsed).toHaveLength(3);
  });
});
